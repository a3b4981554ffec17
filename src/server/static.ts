// The one stylesheet, served from our own origin (the CSP allows no inline style).
export const CSS = `
:root { --fg:#1d1d1f; --muted:#6b6b70; --line:#e2e2e6; --accent:#0b57d0; --mark:#fff1a8; --all:#d7f5dd; --some:#fff4d1; --one:#fde2e2; }
* { box-sizing: border-box; }
body { margin:0; font: 16px/1.6 system-ui, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color:var(--fg); }
header.top { display:flex; flex-wrap:wrap; gap:.5rem 1.5rem; align-items:center; padding:.6rem 1rem; border-bottom:1px solid var(--line); }
header.top a.brand { font-weight:700; color:var(--fg); text-decoration:none; }
header.top nav a, header.top .langs a { margin-right:.8rem; }
main { max-width:1200px; margin:0 auto; padding:1rem; }
a { color:var(--accent); }
form.search { display:flex; flex-wrap:wrap; gap:.5rem; margin-bottom:1rem; }
form.search input[type=search] { flex:1 1 22rem; padding:.5rem; font-size:1rem; }
form.search input, form.search select, form.search button { padding:.45rem; font-size:.95rem; }
.hit { padding:.6rem 0; border-bottom:1px solid var(--line); }
.hit h3 { margin:0; font-size:1.05rem; }
.meta { color:var(--muted); font-size:.85rem; }
mark { background:var(--mark); padding:0 .1em; }
.pager { display:flex; gap:1rem; margin:1rem 0; }
article.full p { margin:.8rem 0; }
figure { margin:1rem 0; } figure img { max-width:100%; height:auto; } figcaption { color:var(--muted); font-size:.9rem; }
.toggle a, .toggle strong { margin-right:.8rem; }
.columns { display:grid; grid-auto-flow:column; grid-auto-columns:minmax(16rem, 1fr); gap:1rem; overflow-x:auto; padding-bottom:.5rem; }
.column { border:1px solid var(--line); border-radius:6px; padding:.6rem; }
.column h3 { font-size:1rem; margin:.2rem 0; }
table.claims { border-collapse:collapse; width:100%; font-size:.9rem; }
table.claims th, table.claims td { border:1px solid var(--line); padding:.35rem; vertical-align:top; }
table.claims td.empty { background:#fafafa; }
tr.all td.cov { background:var(--all); } tr.some td.cov { background:var(--some); } tr.one td.cov { background:var(--one); }
.claims-wrap { overflow-x:auto; }
nav.filters { display:flex; flex-wrap:wrap; gap:.3rem .6rem; margin:.4rem 0; font-size:.9rem; }
nav.filters a, nav.filters strong { padding:.15rem .5rem; border:1px solid var(--line); border-radius:1rem; text-decoration:none; }
nav.filters strong.on { background:var(--accent); color:#fff; border-color:var(--accent); }
.matrix-wrap { overflow-x:auto; max-width:100%; }
table.matrix { border-collapse:collapse; font-size:.88rem; }
table.matrix th, table.matrix td { border:1px solid var(--line); padding:.3rem .35rem; vertical-align:top; }
table.matrix td.claim, table.matrix th.claim { min-width:16rem; max-width:34rem; position:sticky; left:0; background:#fff; }
table.matrix th[scope=row] { font-weight:normal; text-align:left; }
table.matrix caption { text-align:left; font-size:.85rem; color:#555; padding:.3rem 0; }
a.skip { position:absolute; left:-999px; } a.skip:focus { left:.5rem; top:.5rem; background:#fff; padding:.3rem; z-index:10; }
.langs a[aria-current] { font-weight:bold; text-decoration:none; }
ul.lineage ul { margin:.2rem 0; }
table.matrix th.o { writing-mode:vertical-rl; white-space:nowrap; font-weight:500; font-size:.8rem; padding:.4rem .2rem; }
table.matrix td.yes { color:var(--accent); text-align:center; }
table.matrix td.no { background:#fafafa; }
table.matrix td.k { white-space:nowrap; text-align:center; }
tr.all td.k { background:var(--all); } tr.some td.k { background:var(--some); } tr.one td.k { background:var(--one); }
tr.discrepant .flag { color:#b3261e; font-weight:700; }
table.summary, table.times { border-collapse:collapse; font-size:.9rem; }
table.summary th, table.summary td, table.times td { border-bottom:1px solid var(--line); padding:.25rem .6rem .25rem 0; text-align:left; }
svg.timeline { width:100%; height:auto; max-width:800px; }
ol.thread-events li { margin:.4rem 0; }
section.speaker h3 { font-size:1rem; margin:.8rem 0 .2rem; }
@media (max-width: 600px) { main { padding:.5rem; } table.matrix td.claim, table.matrix th.claim { min-width:11rem; max-width:60vw; } h1 { font-size:1.3rem; } }
.bar { background:var(--accent); height:.6rem; border-radius:3px; }
.chips span { display:inline-block; border:1px solid var(--line); border-radius:999px; padding:0 .5rem; margin:.15rem; font-size:.85rem; }
svg.timeline { width:100%; height:auto; }
@media (max-width: 640px) { body { font-size:15px; } main { padding:.6rem; } }
ol.versions > li { margin-bottom:1rem; }
ul.diff { list-style:none; padding-left:0; }
ul.diff li { padding:.2rem .4rem; border-left:3px solid var(--line); margin:.2rem 0; }
ul.diff li.added { border-color:#2e7d32; } ul.diff li.removed { border-color:#c62828; } ul.diff li.moved { border-color:#6b6b70; }
ins { background:var(--all); text-decoration:none; } del { background:var(--one); }
`;
