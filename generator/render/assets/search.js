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
  // Pagefind's ranking, for words looked up one at a time: no boost for a title of its own
  const RANKING = { metaWeights: { title: 0 }, termFrequency: 0, termSaturation: 2 }
  const KINDS = ['flow', 'guide'] // at equal scores, pages of these kinds first, in this order
  const OTHER_FORM = 0.75 // a word found in another form ("dibayar" for "bayar") counts this much
  const NEAR = 2 // words this close on a page are side by side (a word left out between them)
  const PHRASE = 0.5 // what words side by side add, for their place
  const RUN = 3 // words of the query in a row: the page says what the query says,
  const SAID = 7 // as in a summary, wherever they are
  const PER_WORD = 12 // the pages a word can rank: its best ones by Pagefind's score
  const DELAY = 120 // ms without typing before a search starts
  const WHOLE = 2 // a word this short finds only itself, never the words it starts
  const RESPELT = 4 // a word no page has is looked up in other spellings from this length on
  const STEP = /^flows-step-(\d+)$/
  const STEP_WORDS = 20 // the most words of a step shown, and looked for in it
  const KEYWORDS = 'flows-keywords' // the id of a page's keywords, which are never shown
  const EXCERPT_BEFORE = 5 // words shown before the first one found, in an excerpt

  // Pagefind's excerpts (escaped text, <mark> around the words found) as nodes, never as HTML.
  const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" }
  const unescape = (text) => text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, name) => ENTITIES[name])
  // A sentence with a count ({one: …, other: …}) in the form `n` takes in the page's language.
  const plural = (forms, n) => {
    let category = 'other'
    try {
      category = new Intl.PluralRules(document.documentElement.lang || undefined).select(n)
    } catch (error) {} // an unknown language tag: 'other', the form every language has
    return (Object.prototype.hasOwnProperty.call(forms, category) ? forms[category] : forms.other)
      .replace('{n}', n)
  }
  // Letters that Pagefind's diacritic folding leaves alone, folded as the index folded them
  // (FOLDED in generator/site/search.py): readers type "d" for the Vietnamese "đ".
  const FOLDED = { đ: 'd' }
  // A query's words as the index has them: lower case, folded, "didn't" as "didnt".
  const FOLD = new RegExp(`[${Object.keys(FOLDED).join('')}]`, 'g')
  const terms = (text) => text.toLowerCase().replace(FOLD, (letter) => FOLDED[letter])
    .split(/\s+/).map((word) => word.replace(/[^\p{L}\p{N}\p{M}]/gu, '')).filter(Boolean)
  // A word without its accents, as readers who leave them out type it.
  const bare = (word) => word.normalize('NFD').replace(/\p{M}/gu, '')
  // Whether `a` and `b` are a letter wrong, missing, extra or two letters swapped apart.
  const oneSlip = (a, b) => {
    if (Math.abs(a.length - b.length) > 1) return false
    let i = 0
    while (i < a.length && a[i] === b[i]) i++
    if (a.length !== b.length) {
      const [long, short] = a.length > b.length ? [a, b] : [b, a]
      return long.slice(i + 1) === short.slice(i)
    }
    return a.slice(i + 1) === b.slice(i + 1) ||
      (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2))
  }
  const marked = (excerpt) =>
    excerpt.split(/(<mark>.*?<\/mark>)/).filter(Boolean).map((part) =>
      part.startsWith('<mark>') ? el('mark', '', unescape(part.slice(6, -7))) : unescape(part))

  class Search {
    constructor (root) {
      this.root = root
      this.words = JSON.parse(root.getAttribute('data-flows-search-words'))
      // Words of how readers ask ("how do I", "cara"): left out when a query has others.
      this.topicless = new Set(terms(this.words.question_words || '').map(bare))
      // Short forms of chat ("blm", "won't"), read as their long forms ("belum", "will not").
      this.long = new Map((this.words.short_forms || '').split(/\s+/).filter(Boolean)
        .map((pair) => pair.split('=')).map(([short, long]) => [bare(terms(short).join('')),
          terms(long.replace(/\+/g, ' '))]))
      // Words of one meaning ("cancel=batal"): a query's word is looked up in the others too.
      this.same = new Map()
      for (const group of (this.words.same_words || '').split(/\s+/)) {
        const members = terms(group.replace(/=/g, ' '))
        for (const word of members) this.same.set(bare(word), members.filter((other) => other !== word))
      }
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
        // Closed, the field keeps the focus on wide screens; on phones, its button takes it.
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
            // No worker: a second copy of Pagefind's script, for searches of milliseconds.
            noWorker: true,
            ranking: RANKING
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
        results = found.slice(0, SHOWN)
      } catch (error) {
        console.warn(error)
        if (this.query === query) this.status.textContent = this.words.failed
        return
      }
      if (this.query !== query) return
      this.show(query, results)
    }

    // The pages for a query, best first, with what was found on each. Each word is looked up
    // alone (in any of its forms, or one slip away). A page scores, for each word, the weight of
    // its weightiest place (data-pagefind-weight in the templates: title and keywords 10, summary
    // and answers 7, steps 1, notes 0.5) times how rare the word is: a word in a guide's title
    // outweighs it scattered through another page, and a word every page has decides nothing.
    // At equal scores, a flow (whose questions tell its guides apart) first, then Pagefind's.
    async find (pagefind, query, delay = DELAY) {
      await new Promise((resolve) => window.setTimeout(resolve, delay))
      if (this.query !== query) return null
      let words = terms(query).flatMap((word) => this.long.get(bare(word)) || [word])
      const topical = words.filter((word) => !this.topicless.has(bare(word)))
      if (topical.length) words = topical
      const total = await this.pageCount()
      const pages = new Map()
      const seen = []
      for (const word of words) {
        const found = (await this.spelt(pagefind, word)) ||
          (this.same.has(bare(word)) ? { word, results: [] } : null) // a loanword no page has
        if (this.query !== query) return null
        if (found === null || seen.includes(found.word)) continue
        const n = seen.push(found.word) - 1
        const forms = [[found.word, found.results]] // and the other words of its meaning
        for (const same of this.same.get(bare(found.word)) || []) forms.push([same, await this.search(pagefind, same)])
        // As rare as the word itself, when a page has it.
        const counted = new Set((found.results.length ? forms.slice(0, 1) : forms).flatMap(([, results]) =>
          results.map((result) => result.id))).size
        const rarity = Math.log(1 + (total - counted + 0.5) / (counted + 0.5))
        const best = new Map()
        for (const [form, results] of forms) {
          for (const result of results.slice(0, PER_WORD)) {
            const data = await result.data()
            const said = data.content.split(/\s+/)
            const as = (at) => terms(said[at] || '')[0] || ''
            // Never a fragment: a place whose word is a letter or two counts for itself only.
            const places = data.weighted_locations.filter((place) =>
              as(place.location).length > WHOLE || as(place.location) === form)
              .map((place) => ({ ...place, weight: place.weight * (as(place.location) === found.word ? 1 : OTHER_FORM) }))
            if (!places.length) continue
            const page = pages.get(result.id) || { data, score: 0, tie: 0, places: [], at: new Map() }
            pages.set(result.id, page)
            page.tie += result.score
            page.places.push(...places)
            // Words side by side as in the query ("not cancelled") count again, as their place;
            // RUN of them in a row, as SAID at least.
            let phrase = 0
            for (const place of places) {
              let run = 1
              for (let gap = 1; gap <= NEAR; gap++) {
                const before = page.at.get(place.location - gap)
                if (/[,.;:!?]$/.test(said[place.location - 1] || '')) break // not across a sentence
                if (before && before.n === n - 1) {
                  phrase = Math.max(phrase, place.weight)
                  run = Math.max(run, before.run + 1)
                }
                if (/[,.;:!?]$/.test(said[place.location - gap - 1] || '')) break
              }
              page.at.set(place.location, { n, run })
              if (run >= RUN) phrase = Math.max(phrase, SAID)
            }
            const score = rarity * (Math.max(...places.map((place) => place.weight)) + phrase * PHRASE)
            best.set(result.id, Math.max(best.get(result.id) || 0, score))
          }
        }
        for (const [id, score] of best) pages.get(id).score += score
        if (this.query !== query) return null
      }
      return Array.from(pages.values())
        .sort((a, b) => (b.score - a.score) || (KINDS.indexOf(a.data.meta.kind) -
          KINDS.indexOf(b.data.meta.kind)) || (b.tie - a.tie))
        .map((page) => ({
          ...page.data,
          weighted_locations: page.places,
          locations: page.places.map((place) => place.location)
        }))
    }

    // How many pages the index of the page's language has.
    async pageCount () {
      if (!this.pages) {
        this.pages = fetch(new URL('pagefind-entry.json', this.bundle)).then((response) => response.json())
          .then((entry) => (entry.languages[this.language] || { page_count: 1 }).page_count)
      }
      return this.pages
    }

    // The pages with `term` (a short one only as a whole word).
    async search (pagefind, term) {
      return (await pagefind.search(term.length <= WHOLE ? `"${term}"` : term)).results
    }

    // The pages with `word` ({word, results}): the word itself when a page has it, else the
    // first word of a page one slip away from it, which also comes before a much shorter stem
    // Pagefind finds it by ("can" for "canel"); else null.
    async spelt (pagefind, word) {
      const search = (term) => this.search(pagefind, term)
      const found = await search(word)
      if (word.length < RESPELT) return found.length ? { word, results: found } : null
      if (found.length) {
        const data = await found[0].data()
        const said = data.content.split(/\s+/)
        const stem = (at) => (terms(said[at] || '')[0] || '').length < word.length - 1
        if (!data.locations.every(stem)) return { word, results: found }
      }
      for (const spelling of this.spellings(word)) {
        for (const result of (await search(spelling)).slice(0, 3)) {
          const near = terms((await result.data()).content)
            .find((other) => other.length >= RESPELT && oneSlip(other, word))
          if (near) return { word: near, results: await search(near) }
        }
      }
      return found.length ? { word, results: found } : null
    }

    // Where the words one slip away from `word` start: without a letter, two swapped, or
    // without its last letters.
    * spellings (word) {
      for (let i = 0; i < word.length; i++) yield word.slice(0, i) + word.slice(i + 1)
      for (let i = 0; i + 1 < word.length; i++) {
        yield word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2)
      }
      for (let length = word.length - 2; length >= RESPELT - 1; length--) yield word.slice(0, length)
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

    // Pagefind's excerpt, but never of a page's keywords (not text to read): then the words
    // from the first one found after them, or else from their end.
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
        node.flowsSearch = new Search(node) // the tests run query sets through it
      } catch (error) {
        console.warn(error) // the rest of the page works without search
      }
    }
  }

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(start)
  else if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start)
  else start()
})()
