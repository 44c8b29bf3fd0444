/**
 * Decap's media library accepts any file (its upload input says `accept="*\/*"` and it
 * has no setting for types). This guard applies the site's upload list
 * (src/schema/uploads.ts) before Decap sees a file: every file input in the CMS gets the
 * `accept` list, and a chosen or dropped file of another type is stopped in the capture
 * phase (before React's handlers) with a German message. The content gate and the
 * sandboxed /uploads/* headers stay the backstop for files that arrive another way.
 */
import { forbiddenTypeMessage, UPLOAD_ACCEPT, uploadTypeOf } from '../../src/schema/uploads.ts';

/** The German message for the first file that may not be uploaded, or undefined. */
export function refusedUpload(files: Iterable<{ name: string }>): string | undefined {
  for (const file of files) if (!uploadTypeOf(file.name)) return `„${file.name}“: ${forbiddenTypeMessage(file.name)}`;
  return undefined;
}

function markInputs(root: ParentNode): void {
  for (const input of root.querySelectorAll<HTMLInputElement>('input[type="file"]')) input.accept = UPLOAD_ACCEPT;
}

export function installUploadGuard(target: Window & typeof globalThis = window, report: (message: string) => void = (m) => target.alert(m)): void {
  const document = target.document;
  const stop = (event: Event, files: FileList | null | undefined) => {
    const problem = files ? refusedUpload([...files]) : undefined;
    if (!problem) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    if (event.target instanceof target.HTMLInputElement) event.target.value = '';
    report(problem);
  };
  target.addEventListener('change', (event) => {
    const input = event.target;
    if (input instanceof target.HTMLInputElement && input.type === 'file') stop(event, input.files);
  }, true);
  target.addEventListener('drop', (event) => stop(event, (event as DragEvent).dataTransfer?.files), true);
  markInputs(document);
  new target.MutationObserver(() => markInputs(document)).observe(document.documentElement, { childList: true, subtree: true });
}
