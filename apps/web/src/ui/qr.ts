import { useEffect, useState } from "react";

/**
 * A QR code of `url` as an image URL. The library is a chunk of its own, fetched only by the screens that
 * show one (the facilitator's sharing and the room's screen).
 */
export function useQrCode(url: string | null, width = 480): string | null {
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    if (!url) return;
    let live = true;
    import("qrcode")
      .then((QR) => QR.toDataURL(url, { margin: 1, width, errorCorrectionLevel: "M" }))
      .then((data) => live && setQr(data))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [url, width]);
  return qr;
}
