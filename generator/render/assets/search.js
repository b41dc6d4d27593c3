/*
 * The site search: the box in the header, answered from the Pagefind index of the built site.
 *
 * Started from [data-flows-search] (generator/theme/partials/flows-search.html), which names the
 * index's folder; without JavaScript the box stays hidden. Pagefind's script and the index of the
 * page's language (<html lang>) load on the first search only, from the site itself.
 */
;(() => {
  'use strict'

  const el = (tag, className, ...children) => {
    const node = document.createElement(tag)
    if (className) node.className = className
    node.append(...children)
    return node
  }

  const SHOWN = 8 // results shown; each one loads its page's fragment of the index
  const SHORTEST = 3 // a misspelt word is retried as its prefixes down to this many letters
  const STEP = /^flows-step-(\d+)$/
  const STEP_WORDS = 20 // the most words of a step shown, and looked for in it
  const KEYWORDS = 'flows-keywords' // the id of a page's keywords, which are never shown
  const EXCERPT_BEFORE = 5 // words shown before the first one found, in an excerpt

  // Pagefind's excerpts are text with <mark> around the words found (and entities escaped):
  // turn them into nodes without ever parsing them as HTML.
  const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" }
  const unescape = (text) => text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, name) => ENTITIES[name])
  // A sentence with a count ({one: …, other: …}) in the form `n` takes by the page language's
  // plural rules (CLDR's, as the browser has them; the build chose the same way).
  const plural = (forms, n) => {
    let category = 'other'
    try {
      category = new Intl.PluralRules(document.documentElement.lang || undefined).select(n)
    } catch (error) {} // an unknown language tag: 'other', the form every language has
    return (Object.prototype.hasOwnProperty.call(forms, category) ? forms[category] : forms.other)
      .replace('{n}', n)
  }
  const marked = (excerpt) =>
    excerpt.split(/(<mark>.*?<\/mark>)/).filter(Boolean).map((part) =>
      part.startsWith('<mark>') ? el('mark', '', unescape(part.slice(6, -7))) : unescape(part))

  class Search {
    constructor (root) {
      this.root = root
      this.words = JSON.parse(root.getAttribute('data-flows-search-words'))
      // Absolute now: instant navigation keeps the header while the page's depth changes.
      this.bundle = new URL(root.getAttribute('data-flows-search'), window.location.href)
      this.language = document.documentElement.lang
      this.toggle = document.getElementById('__search')
      this.input = root.querySelector('.md-search__input')
      this.status = root.querySelector('.md-search-result__meta')
      this.list = root.querySelector('.md-search-result__list')
      this.button = document.querySelector('.flows-search__button')
      this.query = ''
      this.engine = null

      root.hidden = false
      if (this.button) {
        this.button.hidden = false
        this.button.addEventListener('click', () => this.input.focus())
      }
      root.querySelector('form').addEventListener('submit', (event) => {
        event.preventDefault()
        const first = this.list.querySelector('a')
        if (first) first.click()
      })
      root.querySelector('form').addEventListener('reset', () => {
        window.setTimeout(() => { this.update(); this.input.focus() })
      })
      this.input.addEventListener('input', () => { this.open(true); this.update() })
      this.input.addEventListener('focus', () => this.open(true))
      if (this.toggle) {
        // Material's icon labels (the phone's search button and back arrow) flip this box.
        this.toggle.addEventListener('change', () => {
          if (this.toggle.checked) this.input.focus()
          else this.open(false)
        })
      }
      root.addEventListener('keydown', (event) => this.key(event))
      root.addEventListener('focusout', (event) => {
        if (!root.contains(event.relatedTarget) && event.relatedTarget !== null) this.open(false)
      })
      document.addEventListener('keydown', (event) => {
        // "/" starts a search from anywhere, as on Material's own search.
        const target = event.target
        const typing = target instanceof HTMLElement &&
          (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
        if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
          event.preventDefault()
          this.input.focus()
        }
      })
    }

    open (yes) {
      if (this.toggle && this.toggle.checked !== yes) this.toggle.checked = yes
    }

    key (event) {
      const links = Array.from(this.list.querySelectorAll('a'))
      const index = links.indexOf(document.activeElement)
      if (event.key === 'Escape') {
        // Closed, the field stays in the header on wide screens and keeps the focus; on phones
        // it goes away, and the focus goes back to the button that opens it.
        event.preventDefault()
        this.open(false)
        const phone = this.button && window.getComputedStyle(this.button).display !== 'none'
        if (phone) this.button.focus()
        else if (document.activeElement !== this.input) this.input.focus({ preventScroll: true })
      } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        if (!links.length) return
        event.preventDefault()
        this.open(true)
        const step = event.key === 'ArrowDown' ? 1 : -1
        const next = index + step
        if (next < 0) this.input.focus()
        else links[Math.min(next, links.length - 1)].focus()
      }
    }

    pagefind () {
      if (this.engine === null) {
        const url = new URL('pagefind.js', this.bundle).href
        this.engine = import(url).then(async (pagefind) => {
          await pagefind.options({
            baseUrl: new URL('..', this.bundle).pathname,
            excerptLength: 20,
            // The search runs in the page: a worker would be a second copy of Pagefind's
            // script to download, for searches that take milliseconds.
            noWorker: true
          })
          await pagefind.init()
          return pagefind
        })
        this.engine.catch(() => { this.engine = null })
      }
      return this.engine
    }

    async update () {
      const query = this.input.value.trim()
      this.query = query
      if (!query) {
        this.list.replaceChildren()
        this.status.textContent = ''
        return
      }
      this.status.textContent = this.words.loading
      let results
      try {
        const pagefind = await this.pagefind()
        const found = await this.find(pagefind, query)
        if (found === null || this.query !== query) return // a newer query is on its way
        results = await Promise.all(found.slice(0, SHOWN).map(async ({ result, words }) => {
          return { data: await result.data(), words, score: result.score }
        }))
      } catch (error) {
        console.warn(error)
        if (this.query === query) this.status.textContent = this.words.failed
        return
      }
      if (this.query !== query) return
      if (!results.some((result) => this.rank(result) === 0) && /\s/.test(query)) {
        // Only other pages have every word: the guides with most of them are likelier answers.
        try {
          const pagefind = await this.pagefind()
          const more = await this.anyWords(pagefind, query, query.split(/\s+/))
          if (more === null || this.query !== query) return
          const seen = new Set(results.map((result) => result.data.url))
          for (const { result, words } of more.slice(0, SHOWN)) {
            const data = await result.data()
            if (!seen.has(data.url)) results.push({ data, words, score: result.score })
          }
        } catch (error) {
          console.warn(error)
        }
        if (this.query !== query) return
      }
      // Guides are what readers look for: they come before other pages, each group by score.
      results.sort((a, b) =>
        (this.rank(a) - this.rank(b)) || (b.words - a.words) || (b.score - a.score))
      this.show(query, results.slice(0, SHOWN).map((result) => result.data))
    }

    rank (result) {
      return result.data.meta && result.data.meta.kind === 'guide' ? 0 : 1
    }

    // Pagefind finds the pages that have every word of the query, in any of its forms.
    async find (pagefind, query) {
      const all = await pagefind.debouncedSearch(query, {}, 120)
      if (all === null) return null
      const words = query.split(/\s+/)
      if (all.results.length) return all.results.map((result) => ({ result, words: words.length }))
      return this.anyWords(pagefind, query, words)
    }

    // Each word looked up alone (a misspelt one as its first spelling nearby that finds
    // something); the pages with the most of the words come first.
    async anyWords (pagefind, query, words) {
      const pages = new Map()
      for (const word of words) {
        const found = await this.spelt(pagefind, query, word)
        if (this.query !== query) return null
        for (const result of found) {
          const page = pages.get(result.id) || { result, words: 0, score: 0 }
          page.words += 1
          page.score += result.score
          pages.set(result.id, page)
        }
      }
      return Array.from(pages.values(), (page) => ({
        result: { data: page.result.data, score: page.score },
        words: page.words
      })).sort((a, b) => (b.words - a.words) || (b.result.score - a.result.score))
    }

    // The results for `word`, or for the first spelling near it that a page has as a whole word
    // (stems and prefixes also match parts of unrelated words), or else that matches at all.
    async spelt (pagefind, query, word) {
      let fallback = []
      for (const spelling of this.spellings(word)) {
        const found = (await pagefind.search(spelling)).results
        if (this.query !== query) return []
        if (!found.length) continue
        if (spelling === word) return found
        const text = (await found[0].data()).content.toLowerCase()
        const literal = spelling.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        const whole = new RegExp(`(^|[^\\p{L}\\p{N}])${literal}($|[^\\p{L}\\p{N}])`, 'u')
        if (whole.test(text)) return found
        if (!fallback.length) fallback = found
      }
      return fallback
    }

    // The word, then what one slip of a finger makes of a word: two letters swapped, the end
    // mistyped (its prefixes), a letter too many.
    * spellings (word) {
      yield word
      if (word.length < SHORTEST + 1) return
      for (let i = 0; i + 1 < word.length; i++) {
        yield word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2)
      }
      for (let length = word.length - 1; length >= SHORTEST; length--) yield word.slice(0, length)
      for (let i = 0; i < word.length; i++) yield word.slice(0, i) + word.slice(i + 1)
    }

    show (query, results) {
      this.list.replaceChildren(...results.map((data) => this.item(data)))
      const n = results.length
      this.status.textContent = n === 0
        ? this.words.none.replace('{query}', query)
        : plural(this.words.found, n)
    }

    item (data) {
      const title = el('p', 'flows-search__title', (data.meta && data.meta.title) || data.url)
      const link = el('a', 'md-search-result__link', el('div', 'md-search-result__article',
        title, el('p', 'flows-search__excerpt', ...this.snippet(data))))
      link.href = data.url
      return el('li', 'md-search-result__item', link)
    }

    // The step of a guide with the most of the words found, as "Step 3: …", else the excerpt.
    snippet (data) {
      const anchors = (data.anchors || []).filter((anchor) => anchor.id)
      const steps = []
      for (const anchor of anchors) {
        const match = STEP.exec(anchor.id)
        const last = steps[steps.length - 1]
        if (match && !(last && last.n === match[1])) steps.push({ n: match[1], start: anchor.location })
      }
      for (const [i, step] of steps.entries()) {
        const next = anchors.find((anchor) =>
          anchor.location > step.start && !anchor.id.startsWith('flows-step-'))
        const following = steps[i + 1]
        // A step is a line or two; past that, the last step's range runs into the notes.
        step.end = Math.min(following ? following.start : Infinity, next ? next.location : Infinity,
          step.start + STEP_WORDS)
      }
      let best = null
      let bestScore = 0
      for (const step of steps) {
        const score = (data.weighted_locations || [])
          .filter((hit) => hit.location >= step.start && hit.location < step.end)
          .reduce((sum, hit) => sum + hit.balanced_score, 0)
        if (score > bestScore) { best = step; bestScore = score }
      }
      if (best === null || !data.content) return this.excerpt(data)
      return [this.words.step.replace('{n}', best.n) + ': ', ...this.span(data, best.start, best.end)]
    }

    // Pagefind's excerpt, but never of a page's keywords, which are words for search, not text
    // to read: then the words from the first one found after them, or else from their end.
    excerpt (data) {
      const keywords = data.meta && data.meta.keywords
      const anchor = (data.anchors || []).find((anchor) => anchor.id === KEYWORDS)
      if (!keywords || !anchor || !data.content) return marked(data.excerpt || '')
      const end = anchor.location + keywords.split(/\s+/).filter(Boolean).length
      const found = (data.locations || []).filter((at) => at >= end).sort((a, b) => a - b)
      const start = found.length ? Math.max(end, found[0] - EXCERPT_BEFORE) : end
      return this.span(data, start, start + STEP_WORDS)
    }

    // The page's words from `start` up to `end`, those found marked.
    span (data, start, end) {
      const words = data.content.split(/\s+/)
      const hits = new Set(data.locations || [])
      const nodes = []
      for (let at = start; at < Math.min(end, words.length); at++) {
        if (at > start) nodes.push(' ')
        nodes.push(hits.has(at) ? el('mark', '', words[at]) : words[at])
      }
      return nodes
    }
  }

  const start = () => {
    for (const node of document.querySelectorAll('[data-flows-search]')) {
      if (node.flowsStarted) continue
      node.flowsStarted = true
      try {
        new Search(node) // eslint-disable-line no-new
      } catch (error) {
        console.warn(error) // the rest of the page works without search
      }
    }
  }

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(start)
  else if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start)
  else start()
})()
