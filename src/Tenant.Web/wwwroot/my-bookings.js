// "Meine Buchungen" follows the car without a reload: while the page is open and visible it asks the server
// every 15 seconds, and a booking whose timeline changed (a jockey named, picked up, a protocol's PDF ready)
// is swapped in place. The page is complete without it; this only keeps it current.
(() => {
  const cards = () => document.querySelectorAll("article[data-booking]");
  if (cards().length === 0) return;
  const refresh = async () => {
    if (document.hidden) return;
    let page;
    try {
      const answer = await fetch(location.pathname, { headers: { Accept: "text/html" }, credentials: "same-origin" });
      if (!answer.ok) return;
      page = new DOMParser().parseFromString(await answer.text(), "text/html");
    } catch {
      return;   // offline for a moment: the next round asks again
    }
    for (const card of cards()) {
      const fresh = page.querySelector(`article[data-booking="${card.dataset.booking}"]`);
      if (fresh && fresh.dataset.version !== card.dataset.version) card.replaceWith(document.importNode(fresh, true));
    }
  };
  setInterval(refresh, 15000);
  document.addEventListener("visibilitychange", refresh);
})();
