/**
 * The share-back page (`/results/<slug>`): what came of a workshop, for the people who took part, read on a
 * phone or printed. It shows what the server's `GET /api/results/<slug>` gives (no names, no ids): each
 * scale's aspects with where each group put them, the spread of individual placements and how far groups
 * moved where there were rounds, the plain-language flags and the reasons; each chart's notes with the dots,
 * once they were revealed. A withdrawn page says so plainly.
 */

import type {
  SharedAspect,
  SharedChart,
  SharedFlag,
  SharedGroup,
  SharedResults,
  SharedScale,
} from "@continuum/export";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { flagText } from "../activities/scale/flagWords.ts";
import { ApiFailure, api, failureMessage } from "../api.ts";
import { i18n, intlLocale } from "../i18n/i18n.ts";
import { LanguageSwitch } from "../i18n/LanguageSwitch.tsx";
import { usePageTitle } from "../ui/usePageTitle.ts";
import "./results.css";

type Loaded =
  | { state: "loading" }
  | { state: "ready"; results: SharedResults }
  | { state: "failed"; title: string; message: string };

/** "Link workers" -> "LW": the marker's label, so groups differ by text as well as colour. */
const initials = (name: string): string => {
  const words = name.split(/\s+/).filter(Boolean);
  return (words.length > 1 ? words.map((w) => w[0]).join("") : name.slice(0, 2)).slice(0, 3).toUpperCase();
};

export default function Results({ slug }: { slug: string }) {
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });
  const { t } = useTranslation();
  useEffect(() => {
    let live = true;
    api
      .results<SharedResults>(slug)
      .then((results) => live && setLoaded({ state: "ready", results }))
      .catch((err: unknown) => {
        if (!live) return;
        const status = err instanceof ApiFailure ? err.status : 0;
        setLoaded({
          state: "failed",
          title:
            status === 410
              ? i18n.t("results.withdrawn")
              : status === 404
                ? i18n.t("results.none")
                : i18n.t("results.failed"),
          message: failureMessage(err),
        });
      });
    return () => {
      live = false;
    };
  }, [slug]);
  usePageTitle(
    loaded.state === "ready" ? t("results.pageTitle", { title: loaded.results.title }) : t("results.title"),
  );

  if (loaded.state === "loading") {
    return (
      <main className="page results" role="status">
        {t("app.openingResults")}
      </main>
    );
  }
  if (loaded.state === "failed") {
    return (
      <main className="page results">
        <h1>{loaded.title}</h1>
        <p>{loaded.message}</p>
      </main>
    );
  }
  const r = loaded.results;
  return (
    <main className="page results">
      <header className="results-head">
        {/* People open this on their own phone, in their own language. */}
        <div className="page-tools results-tools">
          <LanguageSwitch />
        </div>
        <p className="results-kicker">{t("results.kicker")}</p>
        <h1>{r.title || t("board.workshop")}</h1>
        {r.date ? <p className="results-date">{formatDate(r.date)}</p> : null}
        <p className="lead">{t("results.lead")}</p>
        {r.groups.length > 0 ? (
          <ul className="results-groups" aria-label={t("results.groups")}>
            {r.groups.map((g) => (
              <li key={g.name}>
                <span className={`results-marker colour-${g.colour}`} aria-hidden="true">
                  {initials(g.name)}
                </span>{" "}
                {g.name}
              </li>
            ))}
          </ul>
        ) : null}
        <button type="button" className="btn results-print" onClick={() => window.print()}>
          {t("results.print")}
        </button>
      </header>
      {r.activities.map((a, i) =>
        a.kind === "scale" ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the page is read once; activities carry no id here
          <ScaleResults key={i} scale={a} groups={r.groups} />
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above
          <ChartResults key={i} chart={a} groups={r.groups} />
        ),
      )}
      <footer className="results-foot">
        {/* The server words it in the workshop's language; the page reads in its reader's. */}
        <p>{t("findings.method")}</p>
      </footer>
    </main>
  );
}

function formatDate(iso: string): string {
  const d = new Date(`${iso}T12:00:00Z`);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleDateString(intlLocale(), { day: "numeric", month: "long", year: "numeric" });
}

function ScaleResults({ scale, groups }: { scale: SharedScale; groups: readonly SharedGroup[] }) {
  const { t } = useTranslation();
  const name = (i: number) => groups[i]?.name ?? t("results.aGroup");
  return (
    <section className="results-activity" aria-labelledby={undefined}>
      <h2>{scale.title}</h2>
      {scale.prompt ? <p>{scale.prompt}</p> : null}
      <p className="hint">{t("results.scaleHint", { left: scale.leftLabel, right: scale.rightLabel })}</p>
      <ol className="results-aspects">
        {scale.aspects.map((a) => (
          <li key={a.text} className="results-aspect">
            <AspectResult aspect={a} scale={scale} groups={groups} name={name} />
          </li>
        ))}
      </ol>
      {scale.ownNotes.length > 0 ? (
        <>
          <h3>{t("results.own")}</h3>
          <ul>
            {scale.ownNotes.map((n) => (
              <li key={`${n.group}-${n.text}`}>
                {t("results.ownNote", { text: n.text, group: name(n.group), x: n.x })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function AspectResult({
  aspect,
  scale,
  groups,
  name,
}: {
  aspect: SharedAspect;
  scale: SharedScale;
  groups: readonly SharedGroup[];
  name(i: number): string;
}) {
  const { t } = useTranslation();
  const flags = flagSentences(aspect, scale, name);
  return (
    <>
      <h3>{aspect.text}</h3>
      <div className="results-scale" aria-hidden="true">
        <span className="results-end">{scale.leftLabel}</span>
        <div className="results-rail">
          {aspect.round1?.map((p) => (
            <span
              key={`r1-${p.group}`}
              className="results-marker was"
              style={{ left: `${p.x}%` }}
              title={t("results.round1Title", { group: name(p.group) })}
            >
              {initials(name(p.group))}
            </span>
          ))}
          {aspect.positions.map((p) => (
            <span
              key={p.group}
              className={`results-marker colour-${groups[p.group]?.colour ?? "yellow"}`}
              style={{ left: `${p.x}%` }}
            >
              {initials(name(p.group))}
            </span>
          ))}
        </div>
        <span className="results-end right">{scale.rightLabel}</span>
      </div>
      <p className="results-positions">
        {aspect.positions.length === 0
          ? t("results.nobodyPlaced")
          : aspect.positions.map((p) => t("results.position", { group: name(p.group), x: p.x })).join(" · ")}
      </p>
      {aspect.round1 && aspect.round1.length > 0 ? (
        <p className="results-positions">
          {t("results.firstRound", {
            positions: aspect.round1.map((p) => `${name(p.group)} ${p.x}`).join(" · "),
          })}
        </p>
      ) : null}
      {aspect.spreads?.map((s) => (
        <div key={s.group} className="results-spread">
          <span className="results-spread-name">{t("results.eachPerson", { group: name(s.group) })}</span>
          <div className="results-spread-rail" aria-hidden="true">
            <span
              className="results-box"
              style={{ left: `${s.q1}%`, width: `${Math.max(s.q3 - s.q1, 0.5)}%` }}
            />
            <span className="results-median" style={{ left: `${s.median}%` }} />
            {s.values.map((x, n) => (
              <span
                key={`${n}-${x}`.replace(/^/, "v")}
                className="results-dot"
                style={{ left: `${x}%`, top: `${0.3 + (n % 3) * 0.4}rem` }}
              />
            ))}
          </div>
          <span className="results-spread-text">
            {t("results.spread", { count: s.n, median: s.median, q1: s.q1, q3: s.q3 })}
          </span>
        </div>
      ))}
      {flags.length > 0 ? (
        <ul className="results-flags">
          {flags.map((f) => (
            <li key={f}>{f}.</li>
          ))}
        </ul>
      ) : null}
      {aspect.reasons.length > 0 ? (
        <div className="results-reasons">
          <h4>{t("results.why")}</h4>
          <ul>
            {aspect.reasons.map((why, n) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: reasons carry no id on this page
              <li key={n}>
                <strong>{name(why.group)}:</strong> {why.text}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}

/**
 * The aspect's flags in the reader's language, worded from the findings as data; a server from before
 * `flagData` gives only its own sentences (in the workshop's language), which are shown as they are.
 */
function flagSentences(aspect: SharedAspect, scale: SharedScale, name: (i: number) => string): string[] {
  const data: readonly SharedFlag[] | undefined = aspect.flagData;
  if (!data) return [...aspect.flags];
  const labels = { left: scale.leftLabel, right: scale.rightLabel };
  return data.map((f) =>
    flagText(
      {
        kind: f.kind,
        names: f.groups.map(name),
        ...(f.side ? { side: f.side } : {}),
        ...(f.points !== undefined ? { points: f.points } : {}),
      },
      labels,
    ),
  );
}

function ChartResults({ chart, groups }: { chart: SharedChart; groups: readonly SharedGroup[] }) {
  const { t } = useTranslation();
  return (
    <section className="results-activity">
      <h2>{chart.title}</h2>
      {chart.prompt ? <p>{chart.prompt}</p> : null}
      {chart.dots ? <p className="hint">{t("results.dotsHint")}</p> : null}
      <div className="results-columns">
        {chart.columns.map((c) => (
          <div key={c.title} className="results-column">
            <h3>{c.title}</h3>
            {c.notes.length === 0 ? (
              <p className="hint">{t("results.nothing")}</p>
            ) : (
              <ul>
                {c.notes.map((n, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: notes carry no id on this page
                  <li key={i}>
                    {n.text}
                    {n.group !== null && groups[n.group] ? (
                      <span className="results-by"> ({groups[n.group]?.name})</span>
                    ) : null}
                    {n.dots !== null && n.dots > 0 ? (
                      <span className="results-dots"> {t("results.dots", { count: n.dots })}</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))}
      </div>
    </section>
  );
}
