// Findings of the publication checks, listed at the top of the page editor: mark each field's
// panel with its finding, and make each link open the panel's tab before scrolling to it.
(function () {
  // Whether the tab had to be opened (Wagtail's tabs then reset the scroll position).
  function openTab(tab) {
    var link = tab && document.getElementById('tab-label-' + tab);
    if (!link || link.getAttribute('aria-selected') === 'true') return false;
    link.click();
    return true;
  }

  function flag(item) {
    var section = document.getElementById(item.dataset.checksSection);
    if (!section) return;
    var note = document.createElement('p');
    note.className = 'checks-flag';
    note.setAttribute('role', 'note');
    note.textContent = '发布前检查 ' + item.dataset.checksText;
    var content = section.querySelector('.w-panel__content') || section;
    content.insertBefore(note, content.firstChild);
    var link = item.querySelector('a');
    if (link) {
      link.addEventListener('click', function (event) {
        event.preventDefault();
        var go = function () {
          section.scrollIntoView({ block: 'start' });
          var field = section.querySelector('input, textarea, [contenteditable="true"]');
          if (field) field.focus({ preventScroll: true });
        };
        if (openTab(item.dataset.checksTab)) {
          window.setTimeout(go, 150);
        } else {
          go();
        }
      });
    }
  }

  function init() {
    document.querySelectorAll('[data-checks-finding]').forEach(flag);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
