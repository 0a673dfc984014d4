import { registerSW } from "virtual:pwa-register";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App.tsx";
import { launchPath } from "./app/router.ts";
import { startUpdates } from "./app/update.ts";
import { startLanguage } from "./i18n/i18n.ts";
import { lastWorkshop } from "./session.ts";
import { applyTextSize } from "./ui/textSize.ts";
// After the app (whose charts and agenda bring their own styles first), in this order: later rules win ties.
import "./ui/base.css";
import "./app/topbar/topbar.css";
import "./activities/scale/scale.css";
import "./activities/scale/tray.css";
import "./activities/scale/compare.css";
import "./facilitator/facilitator.css";
import "./app/start.css";
import "./i18n/i18n.css";
// Last: larger text and targets override sizes set anywhere above.
import "./ui/larger.css";

// This device's text size, before the first render so nothing jumps.
applyTextSize();

// Opened from the home screen: straight into the workshop this device had open last.
const launch = launchPath(location.pathname, location.search, lastWorkshop());
if (launch) history.replaceState(null, "", launch);

// The service worker that keeps the app on the device for offline use and offers new versions (issue 17).
// Built app only: `vite dev` has no worker to register (and must not cache its modules).
if (import.meta.env.PROD) startUpdates(registerSW);

// This device's language (issue 17): a Welsh device fetches its catalogue before the first render, so
// nothing shows in English first. English is bundled and needs no wait.
await startLanguage();

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
