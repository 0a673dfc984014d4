// The floor: a bare `ws` relay that forwards every message to the other sockets on the same URL path, bytes
// as they came, with no Yjs, no storage and no checks. What any of the servers adds over moving bytes is
// its figure minus this one. PORT from the environment; answers plain HTTP so the bench sees it is up.
import { createServer } from "node:http";
import { WebSocketServer } from "ws";

const rooms = new Map();
const http = createServer((_req, res) => res.end("relay"));
const wss = new WebSocketServer({ server: http, perMessageDeflate: false });
wss.on("connection", (ws, req) => {
  const key = req.url ?? "/";
  let room = rooms.get(key);
  if (!room) {
    room = new Set();
    rooms.set(key, room);
  }
  room.add(ws);
  ws.on("message", (data, isBinary) => {
    for (const peer of room) if (peer !== ws && peer.readyState === 1) peer.send(data, { binary: isBinary });
  });
  ws.on("close", () => {
    room.delete(ws);
    if (room.size === 0) rooms.delete(key);
  });
  ws.on("error", () => ws.terminate());
});
http.listen(Number(process.env.PORT), "127.0.0.1");
