// The internal modules of `qrcode` that src/lib/qr-mask.ts and src/lib/qr-segments.ts
// read (see there why): plain CommonJS modules of the package, not part of its typed surface.
declare module 'qrcode/lib/core/format-info.js' {
  const FormatInfo: { getEncodedBits(errorCorrectionLevel: { bit: number }, mask: number): number };
  export default FormatInfo;
}

declare module 'qrcode/lib/core/mode.js' {
  export interface QrMode {
    id: 'Numeric' | 'Alphanumeric' | 'Byte' | 'Kanji' | 'Mixed';
    bit: number;
    ccBits: [number, number, number];
  }
  const Mode: {
    NUMERIC: QrMode;
    ALPHANUMERIC: QrMode;
    BYTE: QrMode;
    KANJI: QrMode;
    getCharCountIndicator(mode: QrMode, version: number): number;
  };
  export default Mode;
}

declare module 'qrcode/lib/core/segments.js' {
  const Segments: { rawSplit(text: string): unknown[] };
  export default Segments;
}

declare module 'qrcode/lib/core/version.js' {
  const Version: { getBestVersionForData(segments: unknown[], errorCorrectionLevel: { bit: number }): number | undefined };
  export default Version;
}

declare module 'qrcode/lib/core/error-correction-level.js' {
  const ECLevel: { M: { bit: number } };
  export default ECLevel;
}

declare module 'qrcode/lib/core/utils.js' {
  const Utils: { isKanjiModeEnabled(): boolean };
  export default Utils;
}
