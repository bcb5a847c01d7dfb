/** Saves text as a file through the browser's download, without any server. */
export function downloadText(text: string, filename: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(url);
}

export const today = (at = Date.now()) => new Date(at).toISOString().slice(0, 10);
