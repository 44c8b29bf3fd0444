// The one internal module of `qrcode` that src/lib/qr-mask.ts reads (see there why).
declare module 'qrcode/lib/core/format-info.js' {
  const FormatInfo: { getEncodedBits(errorCorrectionLevel: { bit: number }, mask: number): number };
  export default FormatInfo;
}
