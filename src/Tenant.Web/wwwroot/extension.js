// The decision page: the totals follow the choices as they are made, and "all as recommended" ticks the
// safety-critical and recommended items and declines the rest. The server decides again on submit.
(() => {
  const form = document.getElementById("decision");
  if (!form) return;
  const euro = new Intl.NumberFormat(document.documentElement.lang || "de-DE", { style: "currency", currency: "EUR" });
  const orderCents = Number(form.querySelector("[data-testid=order-total]").dataset.cents);
  const update = () => {
    const approved = [...form.querySelectorAll("[data-item]")]
      .filter((item) => item.querySelector("input[value=yes]")?.checked)
      .reduce((sum, item) => sum + Number(item.dataset.gross), 0);
    form.querySelector("[data-testid=approved-total]").textContent = euro.format(approved / 100);
    form.querySelector("[data-testid=new-total]").innerHTML = `<strong>${euro.format((orderCents + approved) / 100)}</strong>`;
  };
  form.addEventListener("change", update);
  document.getElementById("recommended")?.addEventListener("click", () => {
    for (const item of form.querySelectorAll("[data-item]")) {
      const choice = item.dataset.recommended === "true" ? "yes" : "no";
      const radio = item.querySelector(`input[value=${choice}]`);
      if (radio) radio.checked = true;
    }
    update();
  });
})();
