/*
 * The "which case am I?" wizard and remembered step ticks.
 *
 * Every page works without this script; it only improves them. Each component is a small class
 * started from a data- attribute: [data-flows-wizard] (the flow page) and [data-flows-steps]
 * (a guide's steps). The wizard's state lives in the URL, e.g. ?a=status-pembayaran.2,metode.1:
 * for each question answered, its id and the 1-based number of the option chosen.
 */
;(function () {
  'use strict'

  // Build elements from strings and nodes only: text always goes in as text, never as HTML.
  function el (tag, className) {
    var node = document.createElement(tag)
    if (className) node.className = className
    node.append.apply(node, Array.prototype.slice.call(arguments, 2))
    return node
  }

  // Answers given on each flow page (by path), by question id. Kept when an earlier answer
  // changes, so questions already answered are not asked again (redundant entry).
  var memories = {}
  // Set by back/forward: on the first one after a load Material fetches the page again and
  // replaces the wizard, and the new one must take the focus the old one had.
  var refocus = false

  // Ids are editors' words: "constructor" must not find Object's own property.
  function own (map, key) {
    return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined
  }

  function Wizard (root) {
    var data = JSON.parse(root.getAttribute('data-flows-wizard'))
    if (!own(data.questions, data.start) && !own(data.outcomes, data.start)) throw new Error('flows: no start')
    this.root = root
    this.pathname = window.location.pathname
    this.data = data
    this.words = data.strings
    this.memory = memories[this.pathname] = (refocus && memories[this.pathname]) || {}
    this.status = el('div', 'flows-sr')
    this.status.setAttribute('role', 'status')
    this.view = el('div')
    this.show(false)
    root.replaceChildren(this.view, this.status)
    root.classList.add('flows-wizard--js')
    if (refocus) this.heading.focus()
    refocus = false
    root.addEventListener('click', this.click.bind(this))
    this.popstate = this.popstate.bind(this)
    window.addEventListener('popstate', this.popstate)
  }

  // The answers in the URL as [[question id, option index], ...], or null when they do not fit
  // the tree (a mistyped or outdated link).
  Wizard.prototype.read = function () {
    var value = new URLSearchParams(window.location.search).get('a')
    var questions = this.data.questions
    var node = this.data.start
    var path = []
    var items = value ? value.split(',') : []
    for (var k = 0; k < items.length; k++) {
      var dot = items[k].lastIndexOf('.')
      var number = Number(items[k].slice(dot + 1))
      var question = own(questions, node)
      if (!question || items[k].slice(0, dot) !== node || !(number >= 1 && number <= question.o.length && number % 1 === 0)) {
        return null
      }
      path.push([node, number - 1])
      node = question.o[number - 1][1]
    }
    return path
  }

  Wizard.prototype.href = function (path) {
    return window.location.pathname + (path.length ? '?a=' + path.map(function (answer) {
      return encodeURIComponent(answer[0]) + '.' + (answer[1] + 1)
    }).join(',') : '')
  }

  Wizard.prototype.end = function (path) {
    var node = this.data.start
    for (var k = 0; k < path.length; k++) node = own(this.data.questions, path[k][0]).o[path[k][1]][1]
    return node
  }

  // `path` extended by the remembered answers of the questions it leads to.
  Wizard.prototype.follow = function (path) {
    var seen = {}
    var node = this.end(path)
    var question
    path.forEach(function (answer) { seen[answer[0]] = true })
    while ((question = own(this.data.questions, node)) && own(this.memory, node) !== undefined && !own(seen, node)) {
      seen[node] = true
      path = path.concat([[node, this.memory[node]]])
      node = question.o[this.memory[node]][1]
    }
    return path
  }

  Wizard.prototype.link = function (path, className, text) {
    var link = el('a', className, text)
    link.href = this.href(path)
    link.flowsPath = path
    return link
  }

  Wizard.prototype.click = function (event) {
    var link = event.target.closest('a')
    if (!link || !link.flowsPath || event.button || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    // Ours alone: Material's instant navigation would otherwise take the click too.
    event.preventDefault()
    event.stopPropagation()
    if (link.flowsReset) this.memory = memories[this.pathname] = {}
    var url = this.href(link.flowsPath)
    if (url !== window.location.pathname + window.location.search) window.history.pushState(null, '', url)
    this.render(link.flowsPath, true)
  }

  Wizard.prototype.popstate = function () {
    if (!this.root.isConnected) return window.removeEventListener('popstate', this.popstate)
    refocus = window.location.pathname === this.pathname
    if (refocus) this.show(true)
  }

  Wizard.prototype.show = function (focus) {
    var path = this.read()
    if (!path) window.history.replaceState(null, '', window.location.pathname)
    this.render(path || [], focus, !path)
  }

  Wizard.prototype.render = function (path, focus, notice) {
    var self = this
    var data = this.data
    var words = this.words
    var id = this.end(path)
    var question = own(data.questions, id)
    var outcome = !question && own(data.outcomes, id)
    var view = el('div', 'flows-wizard__view')
    var card = el('div', 'flows-wizard__card')
    var heading = el('h2', 'flows-wizard__heading', question ? question.t : outcome.t)
    var said
    path.forEach(function (answer) { self.memory[answer[0]] = answer[1] })
    heading.tabIndex = -1
    if (notice) view.append(el('p', 'flows-wizard__notice', words.unknown_state))
    if (question) {
      said = words.at_most_n_more.replace('{n}', question.n)
      card.append(el('p', 'flows-wizard__left', said), heading)
      if (question.h) card.append(el('p', 'flows-wizard__help', question.h))
      card.append(el.apply(null, ['ul', 'flows-wizard__options'].concat(question.o.map(function (option, index) {
        var link = self.link(self.follow(path.concat([[id, index]])), 'flows-wizard__option', option[0])
        if (self.memory[id] === index) link.append(el('span', 'flows-wizard__previous', '(' + words.previous_answer + ')'))
        return el('li', '', link)
      }))))
    } else {
      said = words.your_case + ': ' + outcome.t
      var guide = el('a', 'md-button md-button--primary flows-wizard__guide', words.open_guide)
      guide.href = outcome.u
      card.append(el('p', 'flows-wizard__left', words.your_case), heading)
      if (outcome.s) card.append(el('p', 'flows-wizard__summary', outcome.s))
      card.append(el('p', '', guide))
      card.classList.add('flows-wizard__card--outcome')
    }
    view.append(card)
    if (path.length) {
      var restart = this.link([], 'flows-wizard__restart', words.start_again)
      restart.flowsReset = true
      view.append(el('div', 'flows-wizard__answers',
        el('h2', '', words.your_answers),
        el.apply(null, ['dl', ''].concat(path.map(function (answer, k) {
          var asked = own(data.questions, answer[0])
          var change = self.link(path.slice(0, k), 'flows-wizard__change', words.change)
          change.append(el('span', 'flows-sr', ' ' + asked.t))
          return el('div', '', el('dt', '', asked.t), el('dd', '', asked.o[answer[1]][0]), el('dd', '', change))
        }))),
        el('p', '', restart)))
    }
    this.view.replaceWith(view)
    this.view = view
    this.heading = heading
    if (notice) said = words.unknown_state + ' ' + said
    // A live region only speaks when its text changes after it is in the page.
    window.clearTimeout(this.saying)
    if (focus || notice) this.saying = window.setTimeout(function () { self.status.textContent = said }, 50)
    if (focus) {
      card.classList.add('flows-wizard__card--new')
      heading.focus()
    }
  }

  function storage () {
    try {
      var store = window.localStorage
      store.setItem('flows-test', '1')
      store.removeItem('flows-test')
      return store
    } catch (error) {
      return null // private mode or storage switched off: ticks just are not remembered
    }
  }

  function Steps (list) {
    this.key = 'flows-steps:' + list.getAttribute('data-flows-steps')
    this.boxes = Array.prototype.slice.call(list.querySelectorAll('input[type=checkbox]'))
    this.progress = document.querySelector('[data-flows-progress]')
    this.store = storage()
    var saved = []
    try {
      saved = JSON.parse(this.store && this.store.getItem(this.key)) || []
    } catch (error) {}
    this.boxes.forEach(function (box, index) {
      if (saved.indexOf(index) >= 0) box.checked = true
    })
    list.addEventListener('change', this.save.bind(this))
    this.update()
  }

  Steps.prototype.save = function () {
    var done = []
    this.boxes.forEach(function (box, index) { if (box.checked) done.push(index) })
    if (this.store) {
      try {
        if (done.length) this.store.setItem(this.key, JSON.stringify(done))
        else this.store.removeItem(this.key)
      } catch (error) {}
    }
    this.update()
  }

  Steps.prototype.update = function () {
    var progress = this.progress
    if (!progress) return
    var pattern = progress.getAttribute('data-flows-progress')
    if (pattern.indexOf('{done}') < 0) pattern = '{done} dari {total} langkah selesai'
    progress.setAttribute('aria-live', 'polite')
    progress.hidden = false
    progress.textContent = pattern
      .replace('{done}', this.boxes.filter(function (box) { return box.checked }).length)
      .replace('{total}', this.boxes.length)
  }

  var components = [['data-flows-wizard', Wizard], ['data-flows-steps', Steps]]

  document.addEventListener('click', function () { refocus = false }, true)

  function start () {
    components.forEach(function (component) {
      document.querySelectorAll('[' + component[0] + ']').forEach(function (node) {
        if (node.flowsStarted) return
        node.flowsStarted = true
        try {
          new component[1](node) // eslint-disable-line no-new
        } catch (error) {
          // One broken component must not stop the others; the page still works without it.
          console.warn(error)
        }
      })
    })
  }

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(start)
  else if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start)
  else start()
})()
