// The playground page: plain script, no build step. Reads /api/state, sends actions, follows /api/events.
const $ = (id) => document.getElementById(id);
const view = { persona: null, chat: null, replyTo: null, labels: {}, state: null, lastIds: "" };
const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, k) => values[k] ?? "");
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

async function api(path, body) {
  const response = await fetch(
    path,
    body === undefined
      ? {}
      : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
  );
  const data = await response.json();
  if (!response.ok) throw new Error(data.error || response.statusText);
  return data;
}

function showToast(text) {
  const toast = $("toast");
  toast.textContent = text;
  toast.hidden = false;
  clearTimeout(showToast.timer);
  showToast.timer = setTimeout(() => {
    toast.hidden = true;
  }, 2500);
}

function showAlert(text) {
  $("alert-text").textContent = text;
  $("alert").showModal();
}

async function load() {
  const query = new URLSearchParams({ persona: view.persona ?? "", chat: view.chat ?? "" });
  const state = await api(`/api/state?${query}`);
  view.state = state;
  view.persona = state.persona;
  if (!state.chats.some((c) => c.id === view.chat)) view.chat = state.chats[0]?.id ?? null;
  if (state.chats.length && String(view.chat) !== query.get("chat")) return load();
  render();
}

function personaLabel(p) {
  const kind = p.key === "organiser" ? "organiser" : p.key === "stranger" ? "stranger" : "member";
  return fill(view.labels[kind], { name: p.name }) + (p.language === "en" ? " (English)" : "");
}

function chatName(chat) {
  return chat.type === "private" ? fill(view.labels.private, { bot: view.state.bot }) : chat.title;
}

function render() {
  const { state, labels } = view;
  const select = $("persona");
  select.innerHTML = state.personas.map((p) => `<option value="${p.id}">${esc(personaLabel(p))}</option>`).join("");
  select.value = String(state.persona);
  $("clock").textContent = fill(labels.clock, {
    time: new Date(state.now).toLocaleString(document.documentElement.lang, {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: "Asia/Shanghai",
    }),
  });
  $("chats").innerHTML = state.chats
    .map(
      (c) =>
        `<li data-chat="${c.id}" data-testid="chat" class="${c.id === view.chat ? "active" : ""}"><span class="avatar">${esc(chatName(c).slice(0, 1))}</span><span><div class="name">${esc(chatName(c))}</div><div class="last">${esc(c.last)}</div></span></li>`,
    )
    .join("");
  const chat = state.chats.find((c) => c.id === view.chat);
  $("chat-title").textContent = chat ? chatName(chat) : labels.pickChat;
  const box = $("messages");
  const atBottom = box.scrollTop + box.clientHeight >= box.scrollHeight - 40;
  box.innerHTML =
    state.messages.length === 0
      ? `<div class="empty">${esc(labels.empty)}</div>`
      : state.messages.map(renderMessage).join("");
  const ids = state.messages.map((m) => m.id).join(",");
  if (atBottom || ids !== view.lastIds) box.scrollTop = box.scrollHeight;
  view.lastIds = ids;
  const forced = [...state.messages].reverse().find((m) => m.fromBot && m.forceReply);
  if (forced && view.replyTo === null && forced.id === state.messages.at(-1)?.id) setReply(forced);
}

function renderMessage(m) {
  const mine = !m.fromBot && m.from === view.state.personas.find((p) => p.id === view.state.persona)?.name;
  const time = new Date(m.date * 1000).toLocaleTimeString(document.documentElement.lang, {
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "Asia/Shanghai",
  });
  const quote = m.replyTo ? `<div class="quote">${esc(m.replyTo)}</div>` : "";
  const doc = m.document
    ? `<div class="doc">📄 <a href="/api/file?id=${encodeURIComponent(m.document.fileId)}" download="${esc(m.document.name)}" data-testid="document">${esc(m.document.name)}</a></div>`
    : "";
  const photo = m.photo
    ? `<div class="photo"><img src="/api/file?id=${encodeURIComponent(m.photo.fileId)}" width="${Math.min(240, m.photo.width)}" alt="" data-testid="photo"></div>`
    : "";
  const keyboard = m.buttons.length
    ? `<div class="keyboard">${m.buttons.map((row) => `<div class="row">${row.map((b) => (b.url ? `<button data-url="${esc(b.url)}">${esc(b.text)} ↗</button>` : `<button data-message="${m.id}" data-data="${esc(b.data ?? "")}">${esc(b.text)}</button>`)).join("")}</div>`).join("")}</div>`
    : "";
  const edited = m.edited ? `${esc(view.labels.edited)} ` : "";
  return `<div class="msg ${mine ? "mine" : ""}" data-testid="message" data-id="${m.id}">${mine ? "" : `<div class="from">${esc(m.from)}</div>`}${quote}${photo}<div class="text">${m.html}</div>${doc}<div class="meta">${edited}${time}</div></div>${keyboard ? `<div class="keyboard-wrap" style="align-self:flex-start;width:75%">${keyboard}</div>` : ""}`;
}

function setReply(message) {
  view.replyTo = message ? message.id : null;
  $("reply-bar").hidden = !message;
  if (message)
    $("reply-text").textContent = fill(view.labels.replyTo, {
      text: message.html.replace(/<[^>]+>/g, "").slice(0, 60),
    });
  if (message) $("text").focus();
}

async function guarded(work) {
  try {
    await work();
  } catch (error) {
    showAlert(fill(view.labels.error, { error: error.message }));
  }
}

async function busy(button, work) {
  const before = button.textContent;
  document.querySelectorAll("header button").forEach((b) => {
    b.disabled = true;
  });
  button.textContent = view.labels.busy;
  await guarded(work);
  button.textContent = before;
  document.querySelectorAll("header button").forEach((b) => {
    b.disabled = false;
  });
  await load();
}

async function init() {
  const { locale, labels } = await api(`/api/labels?lang=${encodeURIComponent(navigator.language)}`);
  view.labels = labels;
  document.documentElement.lang = locale;
  document.title = labels.title;
  for (const [id, key] of [
    ["title", "title"],
    ["subtitle", "subtitle"],
    ["persona-label", "persona"],
    ["chats-title", "chats"],
    ["send", "send"],
    ["hour", "hour"],
    ["day", "day"],
    ["reset", "reset"],
    ["reply-cancel", "cancelReply"],
    ["alert-ok", "ok"],
  ])
    $(id).textContent = labels[key];
  $("text").placeholder = labels.placeholder;
  $("persona").addEventListener("change", (e) => {
    view.persona = Number(e.target.value);
    view.chat = null;
    setReply(null);
    guarded(load);
  });
  $("chats").addEventListener("click", (e) => {
    const li = e.target.closest("li[data-chat]");
    if (li) {
      view.chat = Number(li.dataset.chat);
      setReply(null);
      guarded(load);
    }
  });
  $("messages").addEventListener("click", (e) => {
    const button = e.target.closest("button");
    if (!button) return;
    if (button.dataset.url) return void window.open(button.dataset.url, "_blank", "noopener");
    guarded(async () => {
      const answer = await api("/api/press", {
        persona: view.persona,
        chat: view.chat,
        message: Number(button.dataset.message),
        data: button.dataset.data,
      });
      if (answer.url) window.open(answer.url, "_blank", "noopener");
      else if (answer.text && answer.alert) showAlert(answer.text);
      else if (answer.text) showToast(answer.text);
    });
  });
  $("composer").addEventListener("submit", (e) => {
    e.preventDefault();
    const text = $("text").value.trim();
    if (!text || view.chat === null) return;
    const replyTo = view.replyTo;
    guarded(async () => {
      await api("/api/send", { persona: view.persona, chat: view.chat, text, replyTo });
      $("text").value = "";
      setReply(null);
    });
  });
  $("reply-cancel").addEventListener("click", () => setReply(null));
  $("hour").addEventListener("click", (e) => busy(e.currentTarget, () => api("/api/travel", { hours: 1 })));
  $("day").addEventListener("click", (e) => busy(e.currentTarget, () => api("/api/travel", { hours: 24 })));
  $("reset").addEventListener("click", (e) => {
    if (confirm(labels.resetConfirm))
      busy(e.currentTarget, async () => {
        await api("/api/reset", {});
        view.chat = null;
      });
  });
  new EventSource("/api/events").onmessage = () => guarded(load);
  await load();
}

guarded(init);
