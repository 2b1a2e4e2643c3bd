"""The page's look: the Content-Security-Policy, the status colours, the stylesheet, and the
SVG fill patterns.

Status colours differ in lightness and in pattern (done solid dark, in progress striped, not
started light, overdue hatched red), so a greyscale print keeps them apart.
"""

from __future__ import annotations

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)

# Solid fills; "doing" and "overdue" are patterns (see DEFS).
DONE, DOING, TODO, OVER, INK, MUTED, GRID = (
    "#1e6b3a", "#f0a202", "#d7dde3", "#c62828", "#1d232a", "#5b6570", "#c9d0d7",
)  # fmt: skip

STYLE = """
:root{--done:#1e6b3a;--doing:#f0a202;--todo:#d7dde3;--over:#c62828;--ink:#1d232a;
--muted:#5b6570;--line:#d0d6dc;--bg:#f3f5f7}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);line-height:1.55;font-size:16px;
font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Hiragino Sans GB",
"Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif}
main{max-width:72rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.25rem 0 .25rem;line-height:1.3}
h2{font-size:1.15rem;margin:0 0 .6rem}
h3{font-size:1rem;margin:1rem 0 .3rem}
p{margin:.3rem 0}
.meta{color:var(--muted);margin:0}
section{background:#fff;border:1px solid var(--line);border-radius:.5rem;padding:1rem;
margin:1rem 0;min-width:0}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(9.5rem,1fr));gap:.6rem;
background:none;border:0;padding:0}
.fig{background:#fff;border:1px solid var(--line);border-left-width:.4rem;border-radius:.5rem;
padding:.5rem .75rem}
.fig span{display:block;color:var(--muted);font-size:.9rem}
.fig b{display:block;font-size:1.9rem;line-height:1.2;font-variant-numeric:tabular-nums}
.fig small{color:var(--muted)}
.fig.done{border-left-color:var(--done)}
.fig.doing{border-left-color:var(--doing)}
.fig.todo{border-left-color:#9aa5b1}
.fig.overdue{border-left-color:var(--over)}
.fig.overdue b{color:var(--over)}
.sw{display:inline-block;width:1.1em;height:.8em;vertical-align:-.05em;margin-right:.3em;
border:1px solid #8a949e}
.sw.done{background:var(--done);border-color:var(--done)}
.sw.doing{background:repeating-linear-gradient(45deg,var(--doing) 0 3px,#fff 3px 5px)}
.sw.todo{background:var(--todo)}
.sw.overdue{border:2px solid var(--over);
background:repeating-linear-gradient(-45deg,var(--over) 0 2px,transparent 2px 5px)}
.legend{display:flex;flex-wrap:wrap;gap:.3rem 1rem;color:var(--muted);font-size:.9rem;
margin:.4rem 0 0;padding:0;list-style:none}
figure{margin:0;break-inside:avoid}
svg{display:block;width:100%;height:auto;font-family:inherit}
svg.defs{position:absolute;width:0;height:0;overflow:hidden}
.row{margin:0 0 .55rem}
.lab{display:flex;flex-wrap:wrap;justify-content:space-between;gap:0 1rem}
.name{font-weight:600}
.fg{color:var(--muted);font-variant-numeric:tabular-nums}
.over{color:var(--over)}
.words{color:var(--muted);font-size:.85rem}
.cid{display:none}
.scroll{overflow-x:auto}
.tl.wide svg{min-width:42rem}
.tl.narrow{display:none}
table{width:100%;border-collapse:collapse;font-size:.95rem}
th,td{border-bottom:1px solid var(--line);padding:.4rem .45rem;text-align:left;
vertical-align:top;overflow-wrap:anywhere}
th{background:#eef1f4;font-weight:600;white-space:nowrap}
td.n{white-space:nowrap;font-variant-numeric:tabular-nums}
td.t{width:28%}
td.d{min-width:4.5em}
.note{white-space:pre-line}
.st{display:inline-block;padding:0 .4em;border-radius:.25em;border:1px solid #8a949e;
white-space:nowrap;font-size:.9em}
.st.done{background:var(--done);border-color:var(--done);color:#fff}
.st.doing{background:repeating-linear-gradient(45deg,#fde7b0 0 4px,#fff 4px 7px);
border-color:#b27700}
.st.todo{background:#fff;border-style:dashed}
.st.overdue{background:var(--over);border-color:var(--over);color:#fff;font-weight:700}
.more{color:var(--muted);font-style:italic}
ul.notes{margin:.2rem 0 .6rem;padding-left:1.2rem}
ul.notes li{margin:.15rem 0}
.when{color:var(--muted);font-variant-numeric:tabular-nums;white-space:nowrap}
footer{color:var(--muted);font-size:.85rem;text-align:center;margin:1rem 0 2rem}
@media (max-width:40rem){
main{padding:.6rem}
section{padding:.75rem}
table.cards thead{display:none}
table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;width:100%}
table.cards tr{border:1px solid var(--line);border-radius:.5rem;margin:.5rem 0;
padding:.4rem .6rem}
table.cards td{border:0;padding:.1rem 0}
table.cards td[data-label]::before{content:attr(data-label) "：";color:var(--muted)}
html[lang="en"] table.cards td[data-label]::before{content:attr(data-label) ": "}
table.cards td.t{font-weight:600}
table.cards td.id{display:none}
table.cards .cid{display:inline}
.tl.wide{display:none}
.tl.narrow{display:block}
}
@media print{
@page{size:A4;margin:14mm 12mm}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{background:#fff;font-size:10.5pt}
main{max-width:none;padding:0}
section{border:0;border-top:1px solid var(--line);border-radius:0;padding:.5rem 0;margin:.5rem 0}
h2{break-after:avoid}
h3{break-after:avoid}
.fig{break-inside:avoid}
thead{display:table-header-group}
.figures{grid-template-columns:repeat(6,1fr);gap:.4rem}
.fig b{font-size:1.5rem}
tr{break-inside:avoid}
.scroll{overflow:visible}
.tl.wide svg{min-width:0}
footer{margin:.5rem 0 0}
}
"""

#: The fill patterns, defined once for every SVG on the page.
DEFS = (
    '<svg class="defs" width="0" height="0" aria-hidden="true" focusable="false"><defs>'
    '<pattern id="p-doing" width="7" height="7" patternUnits="userSpaceOnUse" '
    f'patternTransform="rotate(45)"><rect width="7" height="7" fill="{DOING}"/>'
    '<rect width="2.5" height="7" fill="#fff" fill-opacity=".75"/></pattern>'
    '<pattern id="p-over" width="6" height="6" patternUnits="userSpaceOnUse" '
    f'patternTransform="rotate(-45)"><rect width="6" height="6" fill="#fbe3e3"/>'
    f'<rect width="2.4" height="6" fill="{OVER}"/></pattern></defs></svg>'
)
FILL = {"done": DONE, "doing": "url(#p-doing)", "todo": TODO, "overdue": "url(#p-over)"}
