import { type Timer as TimerModel, timerRemainingMs, timerRunning } from "@continuum/model";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { serverNow, syncClock } from "../../sync/clock.ts";
import { formatMs } from "../../ui/time.ts";

/**
 * The countdown everyone sees. Nothing ticks in the document: each screen computes the time left from when
 * it was started, on the server's clock (sync/clock.ts), so the timer costs no network traffic while it
 * runs and every screen shows the same time left.
 */
export function Timer({ timer }: { timer: TimerModel | null }) {
  const [now, setNow] = useState(serverNow);
  const { t } = useTranslation();
  const running = timerRunning(timer, now);
  useEffect(() => {
    if (!running) return;
    void syncClock();
    const id = setInterval(() => setNow(serverNow()), 500);
    return () => clearInterval(id);
  }, [running]);
  // A new timer (started, paused) must show at once, not at the next tick.
  const [seen, setSeen] = useState(timer);
  if (seen !== timer) {
    setSeen(timer);
    setNow(serverNow());
  }
  if (!timer) return null;
  const left = timerRemainingMs(timer, now);
  const label =
    left === 0
      ? t("timer.up")
      : timer.startedAt === null
        ? t("timer.leftPaused", { time: formatMs(left) })
        : t("timer.left", { time: formatMs(left) });
  return (
    <div
      className={`timer${left === 0 ? " timer-up" : ""}`}
      role="timer"
      aria-label={t("timer.label", { label })}
    >
      <span aria-hidden="true">{t("timer.prefix")} </span>
      {label}
    </div>
  );
}
