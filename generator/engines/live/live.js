/*
 * Problems in the page while the site is served: the panel of what the last save broke.
 *
 * Served only by `serve` (generator/engines/live.py), never part of a built site. Started from
 * the script's own data-flows-live attribute: the address of the state the server keeps, read
 * when the page loads and then every POLL_MS. With data-flows-build (an engine without live
 * reload of its own), a state of another build reloads the page.
 */
;(() => {
  'use strict'

  const POLL_MS = 700
  const DISMISSED = 'flows-live-dismissed'

  // The problems closed in this tab; storage may be off (private windows): then nothing is kept.
  const dismissed = () => {
    try {
      return window.sessionStorage.getItem(DISMISSED)
    } catch (error) {
      return null
    }
  }
  const dismiss = (key) => {
    try {
      window.sessionStorage.setItem(DISMISSED, key)
    } catch (error) {}
  }

  // Text always goes in as text, never as HTML.
  const el = (tag, className, ...children) => {
    const node = document.createElement(tag)
    if (className) node.className = className
    node.append(...children)
    return node
  }

  class LiveProblems {
    constructor (script) {
      this.url = script.getAttribute('data-flows-live')
      this.build = script.getAttribute('data-flows-build')
      this.panel = null
      this.shown = ''
      document.addEventListener('keydown', (event) => {
        if (event.key === 'Escape' && this.panel && !event.defaultPrevented) this.dismiss()
      })
      this.poll()
    }

    async poll () {
      try {
        const response = await fetch(this.url, { cache: 'no-store' })
        if (response.ok) this.update(await response.json())
      } catch (error) {} // the server is restarting, or gone: ask again
      window.setTimeout(() => this.poll(), POLL_MS)
    }

    update (state) {
      if (this.build !== null && state.build !== null && String(state.build) !== this.build) {
        window.location.reload()
        return
      }
      const problems = state.problems || []
      const key = JSON.stringify(problems)
      if (!problems.length) {
        this.remove()
      } else if (key !== this.shown || !this.panel || !this.panel.isConnected) {
        if (key !== dismissed()) this.show(state, key)
      }
    }

    show (state, key) {
      this.remove()
      const title = el('h2', 'flows-live__title', state.title)
      title.id = 'flows-live-title'
      const close = el('button', 'flows-live__close', state.close)
      close.type = 'button'
      close.addEventListener('click', () => this.dismiss())
      const list = el('ol', 'flows-live__list')
      for (const item of state.problems) {
        const entry = el('li', 'flows-live__problem',
          el('p', 'flows-live__where',
            el('code', '', item.where), ' ',
            el('span', `flows-live__code flows-live__code--${item.severity}`,
              `${item.severity} ${item.code}`)),
          el('p', 'flows-live__message', item.message))
        if (item.hint) entry.append(el('p', 'flows-live__hint', `${state.hint}: ${item.hint}`))
        if (item.explain) {
          const link = el('a', '', item.explain_text)
          link.href = item.explain
          entry.append(el('p', 'flows-live__explain', link))
        }
        list.append(entry)
      }
      const panel = el('section', 'flows-live',
        el('div', 'flows-live__head', title, close), el('p', 'flows-live__intro', state.intro), list)
      panel.setAttribute('role', 'alert')
      panel.setAttribute('aria-labelledby', title.id)
      panel.lang = state.lang
      document.body.append(panel)
      this.panel = panel
      this.shown = key
    }

    dismiss () {
      dismiss(this.shown)
      this.remove()
    }

    remove () {
      if (this.panel) this.panel.remove()
      this.panel = null
      this.shown = ''
    }
  }

  const script = document.currentScript
  if (script && !window.flowsLive) {
    window.flowsLive = new LiveProblems(script)
  }
})()
