import { type ChartBoardProps, NotesBoard } from "../chart/ChartBoard.tsx";

/** A prompt board: a chart without "about", a column per prompt; the facilitator may run dot voting on it too. */
export function PromptBoard(props: ChartBoardProps) {
  return <NotesBoard {...props} kind="board" />;
}
