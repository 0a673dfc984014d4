import type { WorkshopId } from "@continuum/protocol";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Board } from "./Board.tsx";
import { Join } from "./Join.tsx";
import { matchRoute, navigate, usePath } from "./router.ts";
import { Start } from "./Start.tsx";
import { UpdateOffer } from "./UpdateOffer.tsx";

// The room screen is one projector per workshop: its code (and the QR library) loads only there.
const Present = lazy(() => import("../present/Present.tsx"));
// A share-back results page is opened by people who were at the workshop, often on a phone: its own chunk.
const Results = lazy(() => import("../results/Results.tsx"));

export function App() {
  return (
    <>
      <UpdateOffer />
      <Route />
    </>
  );
}

function Route() {
  const { t } = useTranslation();
  const route = matchRoute(usePath());
  switch (route.name) {
    case "start":
      return <Start />;
    case "join":
      return <Join key={route.code} code={route.code} />;
    case "board":
      return <Board key={route.workshopId} workshopId={route.workshopId as WorkshopId} />;
    case "present":
      return (
        <Suspense
          fallback={
            <main className="page" role="status">
              {t("app.openingRoomScreen")}
            </main>
          }
        >
          <Present key={route.workshopId} workshopId={route.workshopId as WorkshopId} />
        </Suspense>
      );
    case "results":
      return (
        <Suspense
          fallback={
            <main className="page" role="status">
              {t("app.openingResults")}
            </main>
          }
        >
          <Results key={route.slug} slug={route.slug} />
        </Suspense>
      );
    case "notFound":
      return (
        <main className="page">
          <h1>{t("app.notFound")}</h1>
          <button type="button" className="btn primary" onClick={() => navigate("/")}>
            {t("app.toStart")}
          </button>
        </main>
      );
  }
}
