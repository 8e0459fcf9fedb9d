import type { AdminClient, AdminComponents } from '#client';

export type UploadResult = AdminComponents['schemas']['MediaUploadResult'];

/**
 * Uploads a file to the library through the typed client (its auth, its
 * problem handling): POST /admin/v1/media as multipart/form-data, field
 * `file`. The client sends FormData as it is; only the transport is swapped,
 * for this one call, for an XMLHttpRequest, which reports upload progress
 * (fetch does not).
 */
export function uploadMedia(client: AdminClient, file: File, onProgress: (loaded: number, total: number) => void, signal?: AbortSignal): Promise<UploadResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  return client.post('/admin/v1/media', {
    // The document types the body as its fields; the FormData carrying them is what is sent.
    body: form as unknown as AdminComponents['schemas']['MediaUploadForm'],
    bodySerializer: (body: unknown) => body as FormData,
    fetch: progressFetch(onProgress, signal),
  });
}

/** A fetch over XMLHttpRequest that reports how much of the request body has gone. */
export function progressFetch(onProgress: (loaded: number, total: number) => void, signal?: AbortSignal): (request: Request) => Promise<Response> {
  return async (request) => {
    const body = request.body === null ? null : await request.blob();
    return new Promise<Response>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(request.method, request.url);
      request.headers.forEach((value, name) => xhr.setRequestHeader(name, value));
      xhr.responseType = 'blob';
      xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : (body?.size ?? 0));
      xhr.onload = () => {
        const headers = new Headers();
        for (const line of xhr
          .getAllResponseHeaders()
          .trim()
          .split(/[\r\n]+/)) {
          const at = line.indexOf(':');
          if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
        }
        const empty = xhr.status === 204 || xhr.status === 304;
        resolve(new Response(empty ? null : (xhr.response as Blob), { status: xhr.status, statusText: xhr.statusText, headers }));
      };
      xhr.onerror = () => reject(new TypeError('The upload failed: the network refused it'));
      xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
      signal?.addEventListener('abort', () => xhr.abort(), { once: true });
      xhr.send(body);
    });
  };
}
