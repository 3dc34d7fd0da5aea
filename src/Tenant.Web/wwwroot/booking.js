// Live total on the services step: the page works without it, this only adds up the ticked prices.
(() => {
  const form = document.getElementById("services");
  const total = document.getElementById("total");
  if (!form || !total) return;
  // The page's language decides how the amount is written (1.234,50 € or €1,234.50); always euros.
  const euro = new Intl.NumberFormat(document.documentElement.lang === "en" ? "en-GB" : "de-DE", { style: "currency", currency: "EUR" });
  const update = () => {
    let cents = Number(total.dataset.fee);
    form.querySelectorAll("input[name=Codes]:checked").forEach((box) => { cents += Number(box.dataset.gross); });
    total.textContent = euro.format(cents / 100);
  };
  form.addEventListener("change", update);
  update();
})();
