/**
 * How a card or note is picked up, for every drag-and-drop board: mouse and pen after a few pixels of movement
 * (so a click still opens a note or presses a button); fingers only after a short press-and-hold, because on a
 * tablet a finger that moves at once is scrolling the page.
 */
import { PointerSensor, TouchSensor, useSensor, useSensors } from "@dnd-kit/core";
import type { PointerEvent as ReactPointerEvent } from "react";

/** The pointer sensor for mouse and pen only; fingers are left to the touch sensor. */
class MouseAndPenSensor extends PointerSensor {
  static override activators = [
    {
      eventName: "onPointerDown" as const,
      handler: ({ nativeEvent }: ReactPointerEvent) =>
        nativeEvent.pointerType !== "touch" && nativeEvent.isPrimary && nativeEvent.button === 0,
    },
  ];
}

/**
 * Sensor options, created once: `useSensor` memoizes on the options object, and new sensors would give every
 * draggable new listeners, re-rendering them whenever the board re-renders.
 */
const MOUSE_AND_PEN = { activationConstraint: { distance: 6 } };
const TOUCH = { activationConstraint: { delay: 180, tolerance: 8 } };

/** The sensors for a `DndContext`. */
export function useBoardSensors() {
  return useSensors(useSensor(MouseAndPenSensor, MOUSE_AND_PEN), useSensor(TouchSensor, TOUCH));
}
