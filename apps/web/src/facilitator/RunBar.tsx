/**
 * The cockpit's bar: what a facilitator does next with the activity on screen, one button per intent, and
 * one line saying what the last action did, where the facilitator is looking. What the room's screen shows
 * (`control.view`) follows the facilitator's own view of the current activity: pressing "Compare the
 * groups" here compares on the projector too.
 *
 * On a narrow screen (a phone, a laptop zoomed in far, or a tablet with larger text) the bar is
 * compact, so the board starts on the first screen: the activity, its main action as a wide button, and
 * "More", a menu (`ui/useMenu.ts`: a tap outside or Escape closes it) holding every other action, the
 * rounds included. Nothing is left out; the line saying what the last action did stays outside the menu, in
 * view.
 */

// The facilitator's words: a part of the catalogue loaded with this lazy screen, never in the first load.
import "../i18n/facilitatorWords.ts";
import {
  type Activity,
  clearTimer,
  openChartForAspect,
  pauseTimer,
  type RoomView,
  resumeTimer,
  setCurrentActivity,
  setLocked,
  setRevealed,
  setRoomView,
  setVoting,
  startTimer,
  timerFor,
  timerRemainingMs,
  type Workshop,
} from "@continuum/model";
import type { ActivityId, AspectId } from "@continuum/protocol";
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import { useUi } from "../app/ui.ts";
import { useLargerText } from "../ui/textSize.ts";
import { formatMs } from "../ui/time.ts";
import { useMediaQuery } from "../ui/useMediaQuery.ts";
import { useMenu } from "../ui/useMenu.ts";

/** Where the bar is compact: a phone's width or less, or as short as the top bar's "short of space". */
export const COMPACT_BAR = "(max-width: 40rem), (max-height: 32rem)";
/** With larger text the bar's buttons are a quarter bigger: compact on any tablet too (up to 1024×768). */
export const COMPACT_BAR_LARGER = "(max-width: 64rem), (max-height: 48rem)";

export function RunBar({
  doc,
  workshop,
  activity,
  now,
  more = null,
}: {
  doc: Y.Doc;
  workshop: Workshop;
  activity: Activity | null;
  now: () => number;
  /** More controls for this activity (the rounds): under the bar, or in its "More" menu when compact. */
  more?: ReactNode;
}) {
  const [said, say] = useState("");
  const narrow = useMediaQuery(COMPACT_BAR);
  const tablet = useMediaQuery(COMPACT_BAR_LARGER);
  const larger = useLargerText();
  const compact = narrow || (larger && tablet);
  const { t } = useTranslation();
  const setFacilitatorActivity = useUi((s) => s.setFacilitatorActivity);
  const setView = useUi((s) => s.setView);
  const control = workshop.control;
  const isCurrent = activity !== null && control.currentActivity === activity.id;

  // The bar's view buttons write the room's view (for the current activity) and this screen's; the document
  // is the source of truth, so a reload or a second facilitator tab shows what the room shows.
  const roomView = control.view;
  useEffect(() => {
    if (!isCurrent || activity?.kind !== "scale") return;
    setView(roomView === "compare" ? "compare" : "lanes");
  }, [isCurrent, activity?.kind, roomView, setView]);

  if (!activity) {
    return (
      <section className="run-bar" aria-labelledby="run-title">
        <h2 id="run-title">{t("run.heading")}</h2>
        <p>{t("run.none")}</p>
      </section>
    );
  }
  const index = workshop.activities.findIndex((a) => a.id === activity.id);
  const next = workshop.activities[index + 1];
  const locked = control.locked[activity.id] === true;

  const bringHere = (id: ActivityId, title: string) => {
    setCurrentActivity(doc, id);
    setFacilitatorActivity(id);
    say(t("run.everyoneOn", { title }));
  };

  const title = (
    <p className="bar-title">
      <strong>{activity.title || t("agenda.untitled")}</strong>{" "}
      <span className="hint">{isCurrent ? t("run.everyoneSees") : t("run.onlyYou")}</span>
    </p>
  );
  const bring = (
    <button
      type="button"
      className="btn primary small"
      disabled={isCurrent}
      onClick={() => bringHere(activity.id, activity.title)}
    >
      {isCurrent ? t("run.everyoneHere") : t("run.bring")}
    </button>
  );
  const nextButton =
    isCurrent && next ? (
      <button type="button" className="btn small" onClick={() => bringHere(next.id, next.title)}>
        {t("run.next", { title: next.title })}
      </button>
    ) : null;
  const lock = (
    <button
      type="button"
      className="btn small"
      aria-pressed={locked}
      onClick={() => {
        setLocked(doc, activity.id, !locked);
        say(locked ? t("run.unlocked") : t("run.locked"));
      }}
    >
      {locked ? t("run.unlock") : t("run.lock")}
    </button>
  );
  const timer = <TimerBar doc={doc} workshop={workshop} activity={activity} now={now} say={say} />;
  const levers =
    activity.kind === "scale" ? (
      <ScaleLevers
        doc={doc}
        workshop={workshop}
        activity={activity}
        isCurrent={isCurrent}
        say={say}
        onChart={(id, text) => {
          setCurrentActivity(doc, id);
          setFacilitatorActivity(id);
          say(t("run.everyoneOnChart", { text }));
        }}
      />
    ) : (
      <ResultsLever doc={doc} activity={activity} isCurrent={isCurrent} roomView={roomView} say={say} />
    );
  const status = (
    <p className="bar-status" role="status">
      {said}
    </p>
  );

  if (compact) {
    return (
      <section className="run-bar is-compact" aria-labelledby="run-title">
        <h2 id="run-title" className="sr-only">
          {t("run.heading")}
        </h2>
        <div className="bar-row">{title}</div>
        <div className="bar-row bar-main">
          {bring}
          <BarMore>
            {nextButton}
            {lock}
            {timer}
            {levers}
            {more}
          </BarMore>
        </div>
        {status}
      </section>
    );
  }
  return (
    <>
      <section className="run-bar" aria-labelledby="run-title">
        <h2 id="run-title" className="sr-only">
          {t("run.heading")}
        </h2>
        <div className="bar-row">
          {title}
          {bring}
          {nextButton}
          {lock}
          {timer}
        </div>
        <div className="bar-row">{levers}</div>
        {status}
      </section>
      {more}
    </>
  );
}

/** "More": the compact bar's other actions, in a menu over the board (a tap outside or Escape closes it). */
function BarMore({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const { t } = useTranslation();
  useMenu(ref, () => {});
  return (
    <details className="bar-more" ref={ref}>
      <summary className="btn small">{t("run.more")}</summary>
      <div className="bar-more-panel">{children}</div>
    </details>
  );
}

function ScaleLevers({
  doc,
  workshop,
  activity,
  isCurrent,
  say,
  onChart,
}: {
  doc: Y.Doc;
  workshop: Workshop;
  activity: Extract<Activity, { kind: "scale" }>;
  isCurrent: boolean;
  say(text: string): void;
  onChart(chartId: ActivityId, text: string): void;
}) {
  const view = useUi((s) => s.view);
  const setView = useUi((s) => s.setView);
  const revealed = new Set<string>(workshop.control.revealed[activity.id] ?? []);
  const [aspect, setAspect] = useState<string>("");
  const aspectId = useId();
  const chosen = activity.aspects.find((a) => a.id === aspect) ?? activity.aspects[0];
  const { t } = useTranslation();
  const screen = isCurrent ? ` ${t("run.roomToo")}` : "";
  return (
    <>
      <fieldset className="bar-group">
        <legend>{t("run.showLanes")}</legend>
        {workshop.groups.map((g) => {
          const on = revealed.has(g.id);
          return (
            <button
              key={g.id}
              type="button"
              className="btn small"
              aria-pressed={on}
              onClick={() => {
                setRevealed(doc, activity.id, g.id, !on);
                say(on ? t("run.laneHidden", { group: g.name }) : t("run.laneShown", { group: g.name }));
              }}
            >
              {on ? t("run.hide", { group: g.name }) : t("run.show", { group: g.name })}
            </button>
          );
        })}
        <button
          type="button"
          className="btn small"
          onClick={() => {
            doc.transact(() => {
              for (const g of workshop.groups) setRevealed(doc, activity.id, g.id, true);
            });
            say(t("run.allShown"));
          }}
        >
          {t("run.showAll")}
        </button>
      </fieldset>
      <fieldset className="bar-group">
        <legend>{isCurrent ? t("run.whatYouAndRoomSee") : t("run.whatYouSee")}</legend>
        <button
          type="button"
          className="btn small"
          aria-pressed={view !== "compare"}
          onClick={() => {
            setView("lanes");
            if (isCurrent) setRoomView(doc, activity.id, "board");
            say(`${t("run.showingScales")}${screen}`);
          }}
        >
          {t("run.scales")}
        </button>
        <button
          type="button"
          className="btn small"
          aria-pressed={view === "compare"}
          onClick={() => {
            setView("compare");
            if (isCurrent) setRoomView(doc, activity.id, "compare");
            say(`${t("run.showingCompare")}${screen}`);
          }}
        >
          {t("run.compare")}
        </button>
      </fieldset>
      {activity.aspects.length > 0 ? (
        <div className="bar-group bar-chart">
          <label htmlFor={aspectId}>{t("run.chartOf")}</label>
          <select id={aspectId} value={chosen?.id ?? ""} onChange={(e) => setAspect(e.target.value)}>
            {activity.aspects.map((a) => (
              <option key={a.id} value={a.id}>
                {a.text}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn small"
            onClick={() => {
              if (!chosen) return;
              try {
                onChart(openChartForAspect(doc, activity.id, chosen.id as AspectId), chosen.text);
              } catch {
                say(t("run.aspectGone"));
              }
            }}
          >
            {t("run.chartIt")}
          </button>
        </div>
      ) : null}
    </>
  );
}

/** A chart or board: what the room's screen shows of it, the notes or the vote results. */
function ResultsLever({
  doc,
  activity,
  isCurrent,
  roomView,
  say,
}: {
  doc: Y.Doc;
  activity: Exclude<Activity, { kind: "scale" }>;
  isCurrent: boolean;
  roomView: RoomView;
  say(text: string): void;
}) {
  const showingResults = isCurrent && roomView === "results";
  const { t } = useTranslation();
  const isChart = activity.kind === "chart";
  return (
    <fieldset className="bar-group">
      <legend>{t("run.roomShows")}</legend>
      <button
        type="button"
        className="btn small"
        aria-pressed={isCurrent && !showingResults}
        disabled={!isCurrent}
        onClick={() => {
          setRoomView(doc, activity.id, "board");
          say(isChart ? t("run.roomShowsChart") : t("run.roomShowsBoard"));
        }}
      >
        {isChart ? t("run.theChart") : t("run.theBoard")}
      </button>
      <button
        type="button"
        className="btn small"
        aria-pressed={showingResults}
        disabled={!isCurrent}
        onClick={() => {
          doc.transact(() => {
            // The results are the counts: showing them on the big screen shows them to everyone.
            setVoting(doc, activity.id, { revealed: true });
            setRoomView(doc, activity.id, "results");
          });
          say(t("run.roomShowsResults"));
        }}
      >
        {t("run.showResults")}
      </button>
      {!isCurrent ? <span className="hint">{t("run.bringFirst")}</span> : null}
    </fieldset>
  );
}

function TimerBar({
  doc,
  workshop,
  activity,
  now,
  say,
}: {
  doc: Y.Doc;
  workshop: Workshop;
  activity: Activity;
  now: () => number;
  say(text: string): void;
}) {
  const timer = timerFor(workshop.control.timer, activity.id);
  const planned = activity.durationMs ? Math.round(activity.durationMs / 60_000) : 10;
  const [minutes, setMinutes] = useState(String(planned));
  const minutesId = useId();
  const [, tick] = useState(0);
  const { t } = useTranslation();
  useEffect(() => setMinutes(String(planned)), [planned]);
  useEffect(() => {
    if (!timer || timer.startedAt === null) return;
    const id = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(id);
  }, [timer]);
  const typed = Number.parseFloat(minutes);
  const ms = Number.isFinite(typed) && typed > 0 ? Math.round(typed * 60_000) : null;
  if (!timer) {
    return (
      <div className="bar-group bar-timer">
        <label htmlFor={minutesId}>{t("run.minutes")}</label>
        <input
          id={minutesId}
          type="number"
          inputMode="numeric"
          min={1}
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
        />
        <button
          type="button"
          className="btn small"
          onClick={() => {
            if (!ms) {
              say(t("run.typeMinutes"));
              return;
            }
            startTimer(doc, ms, now(), activity.id);
            say(t("run.timerStarted", { time: formatMs(ms), title: activity.title }));
          }}
        >
          {t("agenda.row.startTimer")}
        </button>
      </div>
    );
  }
  const left = timerRemainingMs(timer, now());
  return (
    <div className="bar-group bar-timer">
      <span>
        {t("timer.prefix")} <strong>{formatMs(left)}</strong>
        {timer.startedAt === null ? ` ${t("run.paused")}` : ""}
      </span>
      {timer.startedAt === null ? (
        <button type="button" className="btn small" onClick={() => resumeTimer(doc, now())}>
          {t("agenda.resumeTimer")}
        </button>
      ) : (
        <button type="button" className="btn small" onClick={() => pauseTimer(doc, now())}>
          {t("agenda.pauseTimer")}
        </button>
      )}
      <button
        type="button"
        className="btn small"
        onClick={() => {
          clearTimer(doc);
          say(t("run.timerStopped"));
        }}
      >
        {t("agenda.stopTimer")}
      </button>
    </div>
  );
}
