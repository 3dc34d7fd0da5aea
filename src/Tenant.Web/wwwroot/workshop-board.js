// The workshop's board refreshes itself: every 10 seconds the server renders the columns anew, so a car that
// arrives or a customer's decision shows without a reload. A form the person is using is left alone.
(() => {
  const board = document.getElementById("board");
  if (!board) return;
  const refresh = async () => {
    if (document.hidden || board.contains(document.activeElement) && document.activeElement.matches("input, textarea, select")) return;
    try {
      const answer = await fetch(board.dataset.refresh, { headers: { Accept: "text/html" }, credentials: "same-origin" });
      if (answer.ok) board.innerHTML = await answer.text();
    } catch {
      // offline for a moment: the next round tries again
    }
  };
  setInterval(refresh, 10000);
  document.addEventListener("visibilitychange", refresh);
})();
