import * as Y from "yjs";

/**
 * Whether an update would change the document: new structs (past the document's state vector) or
 * deletions the document has not seen. A read-only client answers the server's sync step 1 with everything
 * it holds that the server's state vector does not cover; deletions are always included, so after any note
 * was moved or removed that answer is never empty even when it brings nothing. Only an update that brings
 * something is a refused write.
 */
export function bringsNews(doc: Y.Doc, update: Uint8Array): boolean {
  // Not encodeStateVectorFromUpdate: it leaves out every client whose structs in the update do not start
  // at clock 0, which is every client of an incremental update.
  const { structs, ds } = Y.decodeUpdate(update);
  for (const struct of structs) {
    // A Skip is a gap in the update, not content.
    if (struct instanceof Y.Skip) continue;
    if (struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client)) return true;
  }
  if (ds.clients.size === 0) return false;
  const ours = Y.createDeleteSetFromStructStore(doc.store);
  for (const [client, items] of ds.clients) {
    const deleted = ours.clients.get(client) ?? [];
    for (const item of items) {
      // Our delete set is sorted and merged, so a covered range lies inside a single entry.
      const covered = deleted.some((d) => d.clock <= item.clock && item.clock + item.len <= d.clock + d.len);
      if (!covered) return true;
    }
  }
  return false;
}
