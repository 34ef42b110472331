"""How the tests and the benchmark reach a control that is not built yet, as a user would: list
items, rows and sections are built near the viewport (src/ui/page/near_view.rs), so scroll to them; folded
groups build their controls when opened (src/ui/page/member.rs), so open them. One step at a time:
the script returns what it did, or null once the control for the path exists."""

UNFOLD_STEP = """
const path = arguments[0];
const holds = p => p && (path === p || path.startsWith(p + '.') || path.startsWith(p + '['));
if (document.querySelector(`[data-path="${path}"]`)) return null;
const pending = [...document.querySelectorAll('[data-watch]')].find(e => holds(e.dataset.item || e.dataset.row)
    || (e.dataset.members || '').split(' ').some(holds));
if (pending) { pending.scrollIntoView(); return ['built', pending]; }
const folded = [...document.querySelectorAll('details[data-group]:not([open])')].find(d => holds(d.dataset.group));
if (folded) { folded.querySelector(':scope > summary').click(); return ['opened', folded]; }
return null;
"""
