import type { LookupResponse } from "@continuum/protocol";
import { isJoinCode, LIMITS, normalizeJoinCode } from "@continuum/protocol";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, failureMessage } from "../api.ts";
import { i18n } from "../i18n/i18n.ts";
import { LanguageSwitch } from "../i18n/LanguageSwitch.tsx";
import { deviceLabel, loadLastJoin, participantSession, saveLastJoin, saveSession } from "../session.ts";
import { GroupChoice } from "../ui/GroupChoice.tsx";
import { LargerTextSwitch } from "../ui/LargerText.tsx";
import { CodeField } from "./CodeField.tsx";
import { navigate } from "./router.ts";

/**
 * Join with a code (typed, or from the QR code's link): pick a name and a group. No account, no email; the
 * device remembers the name and group for next time.
 */
export function Join({ code: rawCode }: { code: string }) {
  const code = normalizeJoinCode(rawCode);
  const [lookup, setLookup] = useState<LookupResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [typed, setTyped] = useState(rawCode);
  const last = loadLastJoin();
  const [name, setName] = useState(last.name);
  const [group, setGroup] = useState(last.groups[code] ?? "");
  const [busy, setBusy] = useState(false);
  const { t } = useTranslation();

  useEffect(() => {
    setLookup(null);
    setError(null);
    if (!code) return;
    if (!isJoinCode(code)) {
      setError(i18n.t("join.badCode"));
      return;
    }
    let live = true;
    api.lookup(code).then(
      (res) => {
        if (!live) return;
        setLookup(res);
        // With one group there is nothing to choose: it is chosen.
        setGroup((g) =>
          res.groups.some((x) => x.id === g) ? g : res.groups.length === 1 ? (res.groups[0]?.id ?? "") : "",
        );
      },
      (err) => live && setError(failureMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [code]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!lookup) return;
    setBusy(true);
    setError(null);
    try {
      const res = await api.join({ code, name: name.trim(), group, device: deviceLabel() });
      saveLastJoin(code, res.name, res.group);
      // With the participant key, so this device can come back as the same person if its token is lost.
      saveSession(participantSession(res, code));
      navigate(`/w/${res.workshopId}`);
    } catch (err) {
      setError(failureMessage(err));
      setBusy(false);
    }
  };

  if (!code || (!lookup && error && !isJoinCode(code))) {
    return (
      <main className="page">
        <div className="page-tools">
          <LanguageSwitch />
          <LargerTextSwitch className="page-switch" />
        </div>
        <h1>{t("join.heading")}</h1>
        <form
          className="panel"
          onSubmit={(e) => {
            e.preventDefault();
            navigate(`/join/${normalizeJoinCode(typed)}`);
          }}
        >
          <CodeField value={typed} onChange={setTyped} />
          {error ? (
            <p className="error" role="alert">
              {error}
            </p>
          ) : null}
          <button type="submit" className="btn primary" disabled={!typed.trim()}>
            {t("common.next")}
          </button>
        </form>
      </main>
    );
  }

  return (
    <main className="page">
      <div className="page-tools">
        <LanguageSwitch />
        <LargerTextSwitch className="page-switch" />
      </div>
      <h1>{lookup ? lookup.title : t("join.heading")}</h1>
      {!lookup && !error ? <p role="status">{t("join.lookingUp", { code })}</p> : null}
      {error ? (
        <div className="panel">
          <p className="error" role="alert">
            {error}
          </p>
          <button type="button" className="btn" onClick={() => navigate("/join")}>
            {t("join.otherCode")}
          </button>
        </div>
      ) : null}
      {lookup ? (
        <form className="panel" onSubmit={submit}>
          <label className="field">
            <span>{t("join.name")}</span>
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={LIMITS.name}
              autoComplete="given-name"
              required
            />
          </label>
          <GroupChoice
            legend={t("join.group")}
            name="group"
            groups={lookup.groups}
            value={group}
            onChange={setGroup}
          />
          {!busy && (!name.trim() || !group) ? (
            <p className="hint" id="join-missing">
              {!name.trim() ? t("join.needName") : t("join.needGroup")}
            </p>
          ) : null}
          <button
            type="submit"
            className="btn primary"
            disabled={busy || !name.trim() || !group}
            aria-describedby={!busy && (!name.trim() || !group) ? "join-missing" : undefined}
          >
            {busy ? t("join.joining") : t("join.join")}
          </button>
        </form>
      ) : null}
    </main>
  );
}
