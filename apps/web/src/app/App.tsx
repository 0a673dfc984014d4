import type { WorkshopId } from "@continuum/protocol";
import { lazy, Suspense } from "react";
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
              Opening the room screen…
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
              Opening the results…
            </main>
          }
        >
          <Results key={route.slug} slug={route.slug} />
        </Suspense>
      );
    case "notFound":
      return (
        <main className="page">
          <h1>This page does not exist</h1>
          <button type="button" className="btn primary" onClick={() => navigate("/")}>
            Go to the start page
          </button>
        </main>
      );
  }
}
