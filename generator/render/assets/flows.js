/*
 * The "which case am I?" wizard and remembered step ticks.
 *
 * Every page works without this script; it only improves them. Each component is a small class
 * started from a data- attribute: [data-flows-wizard] (a flow's page) and [data-flows-steps]
 * (a guide's steps). The wizard's state lives in the URL, e.g. ?a=status-pembayaran.2,metode.1:
 * for each question answered, its id and the number of the option chosen, counting from 1.
 */
;(() => {
  'use strict'

  // Text always goes in as text, never as HTML; formatted text is cloned from <template>s.
  const el = (tag, className, ...children) => {
    const node = document.createElement(tag)
    if (className) node.className = className
    node.append(...children)
    return node
  }

  // Ids are editors' words: an id like "constructor" must not find an Object property.
  const own = (map, key) => (Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined)

  // A sentence with a count in the form `n` takes by the page language's CLDR plural rules.
  const plural = (forms, n) => {
    let category = 'other'
    try {
      category = new Intl.PluralRules(document.documentElement.lang || undefined).select(n)
    } catch (error) {} // an unknown language tag: 'other', the form every language has
    return (own(forms, category) || forms.other).replace('{n}', n)
  }

  // Answers given on each flow page, by question id: kept when an earlier answer changes.
  const memories = {}
  // Set by back/forward. On the first one after a page load, Material's instant navigation
  // fetches the page again and replaces the wizard; the new wizard then takes the focus.
  let refocus = false
  // Guide pages fetched for their steps (flows too big to carry them), by address.
  const fetched = new Map()

  class Wizard {
    constructor (root) {
      const data = JSON.parse(root.getAttribute('data-flows-wizard'))
      if (!own(data.questions, data.start) && !own(data.outcomes, data.start)) {
        throw new Error('flows: the wizard has no start')
      }
      // The cards, texts and guides the build rendered: the script makes no markup of its own.
      const part = (name) => [...root.querySelectorAll(`template[data-flows-${name}]`)].map(
        (template) => [template.getAttribute(`data-flows-${name}`), template.content])
      this.cards = new Map(part('card'))
      if (!this.cards.has('question') || !this.cards.has('outcome')) {
        throw new Error('flows: the wizard has no cards')
      }
      this.texts = part('texts').flatMap(([, content]) => [...content.children])
      this.guides = new Map(part('guide'))
      this.root = root
      this.pathname = window.location.pathname
      this.data = data
      this.words = data.strings
      this.memory = memories[this.pathname] = (refocus && memories[this.pathname]) || {}
      this.status = el('div', 'flows-sr')
      this.status.setAttribute('role', 'status')
      this.view = el('div')
      this.show(false) // throws before the page changes if the data does not fit
      root.replaceChildren(this.view, this.status)
      root.classList.add('flows-wizard--js')
      if (refocus) this.heading.focus()
      refocus = false
      root.addEventListener('click', (event) => this.click(event))
      this.popstate = this.popstate.bind(this)
      window.addEventListener('popstate', this.popstate)
    }

    // Text into `node`: words as text, a number as a clone of that formatted text; none removes it
    put (node, value, block) {
      if (value === undefined) return node.remove()
      if (typeof value !== 'number') return node.replaceChildren(block ? el('p', '', value) : value)
      node.replaceChildren(...this.texts[value].cloneNode(true).childNodes)
    }

    // What a reader sees of a text, as words.
    wordsOf (value) {
      return typeof value === 'number' ? this.texts[value].textContent : value
    }

    // The answers in the URL as [[question id, option index], ...], or null when they do not
    // fit the tree (a mistyped or outdated link). A question that has moved since (`moved:` in
    // flows.yaml) is found where it is now and asked there again: its options may differ.
    read () {
      const path = []
      let node = this.data.start
      this.moved = false
      for (const item of this.answers()) {
        const dot = item.lastIndexOf('.')
        const now = own(this.data.m || {}, item.slice(0, dot))
        if (now !== undefined) {
          this.moved = true
          return now === node ? path : this.pathTo(now)
        }
        const number = Number(item.slice(dot + 1))
        const question = own(this.data.questions, node)
        if (!question || item.slice(0, dot) !== node || !Number.isInteger(number) ||
            number < 1 || number > question.o.length) return null
        path.push([node, number - 1])
        node = question.o[number - 1][1]
      }
      return path
    }

    answers () {
      const value = new URLSearchParams(window.location.search).get('a')
      return value ? value.split(',') : []
    }

    // The shortest answers, in option order, that reach `target`; null when none do.
    pathTo (target) {
      const queue = [[this.data.start, []]]
      const seen = new Set(queue.map(([node]) => node))
      for (const [node, path] of queue) {
        if (node === target) return path
        const question = own(this.data.questions, node)
        for (const [index, [, next]] of (question ? question.o : []).entries()) {
          if (!seen.has(next)) {
            seen.add(next)
            queue.push([next, [...path, [node, index]]])
          }
        }
      }
      return null
    }

    // The page an answer leads to when its question has moved to another flow.
    away () {
      for (const item of this.answers()) {
        const url = own(this.data.x || {}, item.slice(0, item.lastIndexOf('.')))
        if (url !== undefined) return url
      }
      return null
    }

    href (path) {
      const answers = path.map(([id, index]) => encodeURIComponent(id) + '.' + (index + 1))
      return this.pathname + (path.length ? '?a=' + answers.join(',') : '')
    }

    end (path) {
      let node = this.data.start
      for (const [id, index] of path) node = own(this.data.questions, id).o[index][1]
      return node
    }

    // `path` extended by the remembered answers of the questions it leads to.
    follow (path) {
      const seen = new Set(path.map(([id]) => id))
      let node = this.end(path)
      let question
      while ((question = own(this.data.questions, node)) && !seen.has(node) &&
             own(this.memory, node) !== undefined) {
        seen.add(node)
        path = [...path, [node, this.memory[node]]]
        node = question.o[this.memory[node]][1]
      }
      return path
    }

    link (path, className, ...children) {
      const link = el('a', className, ...children)
      link.href = this.href(path)
      link.flowsPath = path
      return link
    }

    click (event) {
      const link = event.target.closest('a')
      if (!link || !link.flowsPath || event.button || event.metaKey || event.ctrlKey ||
          event.shiftKey || event.altKey) return
      // Ours alone: Material's instant navigation would otherwise take the click too.
      event.preventDefault()
      event.stopPropagation()
      if (link.flowsReset) this.memory = memories[this.pathname] = {}
      const url = this.href(link.flowsPath)
      if (url !== window.location.pathname + window.location.search) {
        window.history.pushState(null, '', url)
      }
      this.render(link.flowsPath, true)
    }

    popstate () {
      if (!this.root.isConnected) return window.removeEventListener('popstate', this.popstate)
      refocus = window.location.pathname === this.pathname
      if (refocus) this.show(true)
    }

    show (focus) {
      const away = this.away()
      if (away) window.location.replace(away)
      const path = this.read()
      // The address says where the reader is now, not where an old link said.
      if (!path || this.moved) window.history.replaceState(null, '', this.href(path || []))
      this.render(path || [], focus, !path)
    }

    render (path, focus, notice) {
      const { data, words } = this
      const id = this.end(path)
      const question = own(data.questions, id)
      const outcome = !question && own(data.outcomes, id)
      const view = el('div', 'flows-wizard__view')
      const card = this.cards.get(question ? 'question' : 'outcome').firstElementChild.cloneNode(true)
      const part = (name) => card.querySelector('.flows-wizard__' + name)
      const heading = part('heading')
      let said
      for (const [asked, index] of path) this.memory[asked] = index
      heading.removeAttribute('id')
      heading.tabIndex = -1
      this.put(heading, question ? question.t : outcome.t)
      if (notice) view.append(el('p', 'flows-wizard__notice', words.unknown_state))
      if (question) {
        said = plural(words.at_most_n_more, question.n)
        part('left').textContent = said
        this.put(part('help'), question.h, true)
        const list = part('options')
        const item = list.firstElementChild
        list.replaceChildren(...question.o.map(([label], index) => {
          const entry = item.cloneNode(true)
          const link = entry.querySelector('a')
          link.flowsPath = this.follow([...path, [id, index]])
          link.href = this.href(link.flowsPath)
          this.put(link, label)
          if (this.memory[id] === index) {
            link.append(el('span', 'flows-wizard__previous', `(${words.previous_answer})`))
          }
          return entry
        }))
      } else {
        said = `${words.your_case}: ${this.wordsOf(outcome.t)}`
        this.put(part('summary'), outcome.s, true)
        const guide = part('guide')
        guide.href = outcome.u
        const feedback = card.querySelector('.flows-feedback a')
        if (feedback && outcome.f) feedback.href = outcome.f
        else if (feedback) feedback.parentNode.remove()
        const steps = (body) => {
          guide.parentNode.before(body)
          const list = body.querySelector('[data-flows-steps]')
          if (list) {
            list.flowsStarted = true
            new Steps(list) // eslint-disable-line no-new
          }
        }
        const carried = this.guides.get(id)
        if (carried) steps(carried.firstElementChild.cloneNode(true))
        else guidePage(guide.href).then((body) => { if (body && this.view === view) steps(body) })
      }
      view.append(card)
      if (path.length) {
        const restart = this.link([], 'flows-wizard__restart', words.start_again)
        restart.flowsReset = true
        const answers = path.map(([asked, index], k) => {
          const { t, o: options } = own(data.questions, asked)
          const text = this.wordsOf(t)
          // "Ubah" alone says nothing to a screen reader going from link to link.
          const change = this.link(path.slice(0, k), 'flows-wizard__change', words.change,
            el('span', 'flows-sr', ' ' + text))
          const given = el('dd', '', this.wordsOf(options[index][0]))
          return el('div', '', el('dt', '', text), given, el('dd', '', change))
        })
        view.append(el('div', 'flows-wizard__answers', el('h2', '', words.your_answers),
          el('dl', '', ...answers), el('p', '', restart)))
      }
      this.view.replaceWith(view)
      this.view = view
      languages()
      this.heading = heading
      if (notice) said = `${words.unknown_state} ${said}`
      // A live region speaks only when its text changes after it is in the page.
      window.clearTimeout(this.saying)
      const say = () => { this.status.textContent = said }
      if (focus || notice) this.saying = window.setTimeout(say, 50)
      if (focus) {
        card.classList.add('flows-wizard__card--new')
        heading.focus()
      }
    }
  }

  // localStorage, or null where refused (private modes): ticks then are not remembered.
  const storage = () => {
    try {
      window.localStorage.setItem('flows-test', '1')
      window.localStorage.removeItem('flows-test')
      return window.localStorage
    } catch (error) {
      return null
    }
  }

  // The steps of the guide page at `url`, taken from the built page itself, or null.
  const guidePage = (url) => {
    if (!fetched.has(url)) {
      fetched.set(url, window.fetch(url).then((response) => {
        if (!response.ok) throw new Error(response.status)
        return response.text()
      }).then((text) => {
        const page = new DOMParser().parseFromString(text, 'text/html')
        const body = page.querySelector('.flows-guide')
        // Links in the steps lead where they did on the guide page.
        for (const link of body.querySelectorAll('a[href]')) {
          link.href = new URL(link.getAttribute('href'), url).href
        }
        return body
      }).catch(() => {
        fetched.delete(url) // offline, say: try again next time, keep the link meanwhile
        return null
      }))
    }
    return fetched.get(url).then((body) => body && body.cloneNode(true))
  }

  class Steps {
    constructor (list) {
      this.key = 'flows-steps:' + list.getAttribute('data-flows-steps')
      this.boxes = [...list.querySelectorAll('input[type=checkbox]')]
      const guide = list.closest('.flows-guide') || document
      this.progress = guide.querySelector('[data-flows-progress]')
      this.store = storage()
      let saved = []
      try {
        saved = JSON.parse(this.store && this.store.getItem(this.key)) || []
      } catch (error) {} // a damaged entry is as good as none
      this.boxes.forEach((box, index) => { if (saved.includes(index)) box.checked = true })
      list.addEventListener('change', () => this.save())
      this.update()
    }

    save () {
      const done = this.boxes.flatMap((box, index) => (box.checked ? [index] : []))
      try {
        if (done.length) this.store.setItem(this.key, JSON.stringify(done))
        else this.store.removeItem(this.key)
      } catch (error) {} // no storage, or full: the ticks still show, just not next time
      this.update()
    }

    update () {
      const progress = this.progress
      if (!progress) return
      let forms = null
      try {
        forms = JSON.parse(progress.getAttribute('data-flows-progress'))
      } catch (error) {} // a page from a template of the site's own without the forms
      if (!forms || !forms.other) forms = { other: '{done}/{n}' }
      progress.setAttribute('aria-live', 'polite')
      progress.hidden = false
      progress.textContent = plural(forms, this.boxes.length)
        .replace('{done}', this.boxes.filter((box) => box.checked).length)
    }
  }

  // Material's instant navigation swaps pages in place, but neither the language menu nor
  // <html lang>: the menu follows the page's hreflang links, other languages load afresh.
  const languages = () => {
    const paths = {}
    for (const link of document.querySelectorAll('link[hreflang]')) {
      paths[link.hreflang] = new URL(link.href).pathname
    }
    for (const link of document.querySelectorAll('a[hreflang]')) {
      if (link.hreflang === document.documentElement.lang) continue
      link.target = '_self'
      // The wizard's answers mean the same in every language.
      if (link.matches('.md-select__link') && own(paths, link.hreflang)) {
        link.href = paths[link.hreflang] + window.location.search
      }
    }
  }

  const components = [['data-flows-wizard', Wizard], ['data-flows-steps', Steps]]

  const start = () => {
    languages()
    for (const [attribute, Component] of components) {
      for (const node of document.querySelectorAll(`[${attribute}]`)) {
        if (node.flowsStarted) continue
        node.flowsStarted = true
        try {
          new Component(node) // eslint-disable-line no-new
        } catch (error) {
          // One broken component must not stop the others; the page still works without it.
          console.warn(error)
        }
      }
    }
  }

  // Any click starts something new: a wizard made after it must not take the focus.
  document.addEventListener('click', () => { refocus = false }, true)

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(start)
  else if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start)
  else start()
})()
