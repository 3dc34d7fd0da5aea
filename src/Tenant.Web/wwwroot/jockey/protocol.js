// The jockey's protocol on the phone: photos, readings, damages and the customer's signature. Everything is
// kept on the phone (IndexedDB) until the server has it, so a dead spot (an underground car park, a rural
// street) loses nothing: photos go up as soon as there is a connection, each with its own Idempotency-Key
// (sent twice, stored once), and the protocol follows once they are all there. The page says what still waits.
(() => {
  const form = document.getElementById("protocol");
  if (!form) return;
  const text = JSON.parse(document.getElementById("protocol-text").textContent);
  const draftId = `${form.dataset.booking}:${form.dataset.kind}`;
  const api = `/api/v1/bookings/${form.dataset.booking}/protocols/${form.dataset.kind}`;
  const pending = document.getElementById("pending");
  const problems = document.getElementById("problems");

  // The page and its files are kept for a reload in a dead spot: the service worker answers from this copy. Once
  // both are in place the form says so (data-offline-ready), and the page tells the jockey it works without a network.
  const keepForOffline = async () => {
    if (!("serviceWorker" in navigator) || !("caches" in window)) return;
    await navigator.serviceWorker.register("/jockey/sw.js");
    const files = [...document.querySelectorAll("link[rel=stylesheet], script[src]")].map((element) => element.href || element.src);
    await (await caches.open("autowartung-jockey-v1")).addAll([location.pathname, ...files]);
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
    form.dataset.offlineReady = "true";
    document.getElementById("offline-ready")?.removeAttribute("hidden");
  };
  keepForOffline().catch(() => { /* offline already, or no service worker: the page still works while it stays open */ });

  // ---- storage: drafts (the fields) and photos (the files, with their keys and, once sent, the server's id)
  const open = new Promise((resolve, reject) => {
    const request = indexedDB.open("autowartung-protocols", 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore("drafts");
      request.result.createObjectStore("photos", { keyPath: "key" }).createIndex("draft", "draft");
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const done = (request) => new Promise((resolve, reject) => { request.onsuccess = () => resolve(request.result); request.onerror = () => reject(request.error); });
  const store = async (name, mode = "readonly") => (await open).transaction(name, mode).objectStore(name);
  const getDraft = async () => (await done((await store("drafts")).get(draftId))) ?? { damages: [], fields: {}, submit: false };
  const putDraft = async (draft) => done((await store("drafts", "readwrite")).put(draft, draftId));
  const photos = async () => done((await store("photos")).index("draft").getAll(draftId));
  const putPhoto = async (photo) => done((await store("photos", "readwrite")).put(photo));
  const dropPhoto = async (key) => done((await store("photos", "readwrite")).delete(key));
  const newKey = () => "photo-" + Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");

  // ---- the photos: made smaller on the phone (the server decides again), kept, shown, sent
  const shrink = async (file) => {
    if (!("createImageBitmap" in window)) return file;
    try {
      const bitmap = await createImageBitmap(file);
      const scale = Math.min(1, 2560 / Math.max(bitmap.width, bitmap.height));
      const canvas = document.createElement("canvas");
      [canvas.width, canvas.height] = [Math.round(bitmap.width * scale), Math.round(bitmap.height * scale)];
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      return await new Promise((resolve) => canvas.toBlob((blob) => resolve(blob ?? file), "image/jpeg", 0.85));
    } catch {
      return file;   // not decodable here: the server will say what it is
    }
  };

  const preview = (photo) => {
    const slot = photo.damage == null ? form.querySelector(`[data-photo-slot="${photo.slot}"]`) : form.querySelector(`[data-damage="${photo.damage}"] [data-damage-photo]`);
    if (!slot) return;
    const image = slot.querySelector("img") ?? slot.appendChild(document.createElement("img"));
    image.src = URL.createObjectURL(photo.blob);
    image.alt = "";
    slot.querySelector("[data-state]").textContent = photo.photoId ? text.sent : text.waiting;
    slot.dataset.sent = photo.photoId ? "true" : "false";
  };

  form.addEventListener("change", async (event) => {
    const input = event.target;
    if (input.type === "file" && input.files.length > 0) {
      const slot = input.dataset.slot;
      const damage = input.dataset.damageIndex == null ? null : Number(input.dataset.damageIndex);
      // A new photo for a slot (or a damage) takes the place of the one before.
      for (const old of await photos()) if (damage == null ? old.damage == null && old.slot === slot : old.damage === damage) await dropPhoto(old.key);
      const photo = { key: newKey(), draft: draftId, slot, damage, blob: await shrink(input.files[0]), photoId: null };
      await putPhoto(photo);
      input.value = "";
      preview(photo);
    } else {
      await saveFields();
    }
    await flush();
  });

  // ---- the readings, documents and signer: saved on every change
  const fieldKey = (field) => (field.type === "checkbox" ? `${field.name}:${field.value}` : field.name);
  const saveFields = async () => {
    const draft = await getDraft();
    draft.fields = Object.fromEntries([...form.querySelectorAll("[data-field]")].map((field) => [fieldKey(field), field.type === "checkbox" ? field.checked : field.value]));
    draft.damages = [...form.querySelectorAll("[data-damage]")].map((row) => ({
      area: row.querySelector("[name=area]").value, x: Number(row.dataset.x), y: Number(row.dataset.y), note: row.querySelector("[name=note]").value,
    }));
    await putDraft(draft);
  };

  // ---- damages: tap the car's outline, a numbered marker and a row for what it is
  const sketch = document.getElementById("sketch");
  const list = document.getElementById("damages");
  const areaAt = (x, y) => {
    const side = x < 0.33 ? "Left" : x > 0.67 ? "Right" : "";
    if (y < 0.2) return side ? `Front${side}` : "Front";
    if (y > 0.8) return side ? `Rear${side}` : "Rear";
    return side || "Roof";
  };
  const addDamage = (damage, index) => {
    const row = document.getElementById("damage-template").content.firstElementChild.cloneNode(true);
    row.dataset.damage = index;
    row.dataset.x = damage.x;
    row.dataset.y = damage.y;
    row.querySelector("[data-number]").textContent = index + 1;
    row.querySelector("[name=area]").value = damage.area;
    row.querySelector("[name=note]").value = damage.note ?? "";
    row.querySelector("input[type=file]").dataset.damageIndex = index;
    list.appendChild(row);
    const marker = document.createElementNS("http://www.w3.org/2000/svg", "g");
    marker.dataset.marker = index;
    marker.innerHTML = `<circle cx="${damage.x * 100}" cy="${damage.y * 200}" r="7"></circle><text x="${damage.x * 100}" y="${damage.y * 200 + 3.5}">${index + 1}</text>`;
    sketch.appendChild(marker);
  };
  sketch.addEventListener("click", async (event) => {
    const box = sketch.getBoundingClientRect();
    const x = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
    const y = Math.min(1, Math.max(0, (event.clientY - box.top) / box.height));
    addDamage({ area: areaAt(x, y), x: Math.round(x * 1000) / 1000, y: Math.round(y * 1000) / 1000, note: "" }, list.children.length);
    await saveFields();
    list.lastElementChild.querySelector("[name=note]").focus();
  });
  list.addEventListener("click", async (event) => {
    if (!event.target.matches("[data-remove]")) return;
    const row = event.target.closest("[data-damage]");
    const index = Number(row.dataset.damage);
    for (const photo of await photos()) if (photo.damage === index) await dropPhoto(photo.key);
    const draft = await getDraft();
    draft.damages.splice(index, 1);
    await putDraft(draft);
    location.reload();   // renumbering markers, rows and their photos is simplest from the saved draft
  });

  // ---- the signature, drawn with a finger
  const canvas = document.getElementById("signature");
  const pen = canvas.getContext("2d");
  let drawing = false;
  // Signed is what the pad shows: some ink on it, drawn now or restored from the draft.
  const signed = () => pen.getImageData(0, 0, canvas.width, canvas.height).data.some((value, index) => index % 4 === 3 && value > 0);
  const at = (event) => { const box = canvas.getBoundingClientRect(); return [(event.clientX - box.left) * canvas.width / box.width, (event.clientY - box.top) * canvas.height / box.height]; };
  canvas.addEventListener("pointerdown", (event) => { drawing = true; canvas.setPointerCapture(event.pointerId); pen.beginPath(); pen.moveTo(...at(event)); });
  canvas.addEventListener("pointermove", (event) => { if (!drawing) return; pen.lineWidth = 3; pen.lineCap = "round"; pen.strokeStyle = "#1d2b36"; pen.lineTo(...at(event)); pen.stroke(); });
  const endStroke = async () => { if (!drawing) return; drawing = false; const draft = await getDraft(); draft.signature = canvas.toDataURL("image/png"); await putDraft(draft); };
  canvas.addEventListener("pointerup", endStroke);
  canvas.addEventListener("pointercancel", endStroke);
  document.getElementById("clear-signature").addEventListener("click", async () => {
    pen.clearRect(0, 0, canvas.width, canvas.height);
    const draft = await getDraft();
    delete draft.signature;
    await putDraft(draft);
  });

  // ---- sending: the photos first, then the protocol; whatever fails for want of a connection waits for the next try
  let flushing = false;
  const flush = async () => {
    if (flushing) return;
    flushing = true;
    try {
      for (const photo of await photos()) {
        if (photo.photoId) continue;
        const body = new FormData();
        body.append("file", photo.blob, "foto.jpg");
        body.append("slot", photo.slot);
        let answer;
        try {
          answer = await fetch(`${api}/photos`, { method: "POST", body, headers: { "Idempotency-Key": photo.key, Accept: "application/json" } });
        } catch {
          break;   // no connection: try again when it is back
        }
        if (answer.status === 201) {
          photo.photoId = (await answer.json()).id;
          await putPhoto(photo);
          preview(photo);
        } else if (answer.status >= 400 && answer.status < 500) {
          await dropPhoto(photo.key);
          show([`${text.photoRefused}: ${(await answer.json().catch(() => ({}))).title ?? answer.status}`]);
        }
      }
      const draft = await getDraft();
      if (draft.submit && (await photos()).every((photo) => photo.photoId)) await submit(draft);
    } finally {
      flushing = false;
      await report();
    }
  };

  const submit = async (draft) => {
    const sent = await photos();
    const fields = draft.fields;
    const body = {
      odometerKm: fields.odometerKm === "" ? null : Number(fields.odometerKm),
      fuelPercent: Number(fields.fuelPercent),
      keys: Number(fields.keys),
      documents: [...form.querySelectorAll("[name=documents]:checked")].map((box) => box.value),
      damages: draft.damages.map((damage, index) => ({ ...damage, photoId: sent.find((photo) => photo.damage === index)?.photoId ?? null })),
      signedBy: fields.signedBy,
      signaturePng: draft.signature ?? null,
      photoIds: sent.filter((photo) => photo.damage == null).map((photo) => photo.photoId),
    };
    // The replacement car's own handover, when one goes along: which car (at pickup), its km and fuel, or "not taken".
    if (form.querySelector("[data-replacement-car]")) {
      body.replacementCar = fields["carNotTaken:true"]
        ? { notTaken: true }
        : { carId: fields.carId || null, odometerKm: fields.carKm === "" || fields.carKm == null ? null : Number(fields.carKm), fuelPercent: Number(fields.carFuel) };
    }
    let answer;
    try {
      answer = await fetch(api, { method: "POST", body: JSON.stringify(body), headers: { "Content-Type": "application/json", Accept: "application/json" } });
    } catch {
      return;   // no connection: the draft keeps the wish to send
    }
    if (answer.status === 201) {
      for (const photo of sent) await dropPhoto(photo.key);
      await done((await store("drafts", "readwrite")).delete(draftId));
      location.assign(form.dataset.done);
      return;
    }
    draft.submit = false;
    await putDraft(draft);
    const problem = await answer.json().catch(() => ({}));
    show(problem.errors ? Object.values(problem.errors).flat() : [problem.title ?? String(answer.status)]);
  };

  const show = (messages) => {
    problems.replaceChildren(...messages.map((message) => Object.assign(document.createElement("li"), { textContent: message })));
    problems.hidden = messages.length === 0;
  };

  const report = async () => {
    const waiting = (await photos()).filter((photo) => !photo.photoId).length;
    const draft = await getDraft();
    const lines = [];
    if (waiting > 0) lines.push(text.photosWaiting.replace("{0}", waiting));
    if (draft.submit) lines.push(text.protocolWaiting);
    pending.textContent = lines.length ? lines.join(" · ") : text.nothingWaiting;
    pending.dataset.waiting = String(waiting + (draft.submit ? 1 : 0));
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    await saveFields();
    const missing = [...form.querySelectorAll("[data-photo-slot]")].filter((slot) => !slot.querySelector("img")).map((slot) => slot.dataset.label);
    if (missing.length > 0) { show([`${text.missingPhotos}: ${missing.join(", ")}`]); return; }
    if (!signed()) { show([text.missingSignature]); return; }
    const signature = canvas.toDataURL("image/png");
    show([]);
    const draft = await getDraft();
    draft.submit = true;
    draft.signature = signature;
    await putDraft(draft);
    await flush();
  });

  window.addEventListener("online", flush);
  setInterval(flush, 10000);

  // ---- back to where the jockey was: fields, damages, signature and photos from the draft
  (async () => {
    const draft = await getDraft();
    for (const field of form.querySelectorAll("[data-field]")) {
      const key = fieldKey(field);
      if (!(key in draft.fields)) continue;
      if (field.type === "checkbox") field.checked = draft.fields[key]; else field.value = draft.fields[key];
    }
    draft.damages.forEach(addDamage);
    if (draft.signature) {
      const image = new Image();
      image.onload = () => pen.drawImage(image, 0, 0);
      image.src = draft.signature;
    }
    for (const photo of await photos()) preview(photo);
    await flush();
  })();
})();
