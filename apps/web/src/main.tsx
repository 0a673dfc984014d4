import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App.tsx";
// After the app (whose charts and agenda bring their own styles first), in this order: later rules win ties.
import "./ui/base.css";
import "./app/topbar/topbar.css";
import "./activities/scale/scale.css";
import "./activities/scale/tray.css";
import "./activities/scale/compare.css";
import "./facilitator/facilitator.css";
import "./app/start.css";

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
