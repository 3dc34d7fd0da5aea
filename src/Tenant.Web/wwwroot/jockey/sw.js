// The jockey's pages keep working in a dead spot: each page and file is fetched from the network when there is
// one (and its copy kept), and from the last copy when there is none. The API is never cached: what waits to be
// sent waits in the page's own storage, not here.
const CACHE = "autowartung-jockey-v1";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
        }
        return response;
      })
      .catch(() => caches.match(request, { ignoreVary: true, ignoreSearch: request.mode === "navigate" }).then((copy) => copy ?? Response.error())));
});
