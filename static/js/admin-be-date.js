/* A B.E. calendar for the admin's date fields (kb/admin_dates.py renders them as
   <input data-be-date="date|datetime">). The server reads what is typed; this only helps
   pick a day: Thai month names, B.E. years, and it writes "9 กรกฎาคม 2567" (plus
   " 14:30" for a date-time) into the input. Keyboard: Alt+ArrowDown in the input or the
   calendar button opens it; arrows move a day or a week, PageUp/PageDown a month
   (with Shift a year), Home/End the week's ends, Enter picks, Escape closes. */
(function () {
  "use strict";

  var MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม",
    "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"];
  var SHORT = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."];
  var WEEKDAYS = ["อา", "จ", "อ", "พ", "พฤ", "ศ", "ส"];
  var WEEKDAY_NAMES = ["อาทิตย์", "จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์"];
  var BE = 543;

  function arabic(text) {
    return text.replace(/[๐-๙]/g, function (c) { return String(c.charCodeAt(0) - 0x0e50); });
  }

  function ceYear(text) {
    var year = parseInt(text, 10);
    if (text.length === 2) year += 2500;
    return year >= 2400 ? year - BE : year;
  }

  function validDay(y, m, d) {
    var day = new Date(y, m, d);
    day.setFullYear(y);
    return day.getFullYear() === y && day.getMonth() === m && day.getDate() === d ? day : null;
  }

  // The same readings as kb.thai.dates.parse_typed_date, enough to open the calendar on the
  // typed day; {day, time} or null.
  function parse(value) {
    var text = arabic(value || "").replace(/พ\.?\s?ศ\.?/g, " ").replace(/\s+/g, " ").trim();
    var day = null;
    var m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(text);
    if (m) day = validDay(ceYear(m[1]), +m[2] - 1, +m[3]);
    if (!m && (m = /^(\d{1,2})\s*[/.]\s*(\d{1,2})\s*[/.]\s*(\d{4}|\d{2})(?!\d)/.exec(text))) {
      day = validDay(ceYear(m[3]), +m[2] - 1, +m[1]);
    }
    if (!m && (m = /(\d{1,2})\s*([^\d\s]+(?:\s?[^\d\s]+\.)?)\s*(\d{4}|\d{2})(?!\d)/.exec(text))) {
      var name = m[2].replace(/\s/g, "");
      var month = MONTHS.indexOf(name);
      if (month < 0) month = SHORT.map(function (s) { return s.replace(/\./g, ""); }).indexOf(name.replace(/\./g, ""));
      if (month >= 0) day = validDay(ceYear(m[3]), month, +m[1]);
    }
    if (!day) return null;
    var time = /(\d{1,2})[:.](\d{2})/.exec(text.slice(m.index + m[0].length));
    return { day: day, time: time ? pad(time[1]) + ":" + time[2] : "" };
  }

  function pad(n) { return ("0" + n).slice(-2); }

  function format(day) { return day.getDate() + " " + MONTHS[day.getMonth()] + " " + (day.getFullYear() + BE); }

  function sameDay(a, b) {
    return a && b && a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
  }

  function addMonths(day, n) {
    var target = new Date(day.getFullYear(), day.getMonth() + n, 1);
    var last = new Date(target.getFullYear(), target.getMonth() + 1, 0).getDate();
    target.setDate(Math.min(day.getDate(), last));
    return target;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  var counter = 0;

  function Picker(input) {
    this.input = input;
    this.withTime = input.getAttribute("data-be-date") === "datetime";
    this.id = "kb-be-date-" + (++counter);
    var wrap = el("span", "kb-be-date");
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    var toggle = el("button", "kb-be-date__toggle button button-secondary button-small");
    toggle.type = "button";
    toggle.setAttribute("aria-label", "เลือกวันที่จากปฏิทิน (พ.ศ.)");
    toggle.setAttribute("aria-haspopup", "dialog");
    toggle.setAttribute("aria-expanded", "false");
    toggle.setAttribute("aria-controls", this.id);
    toggle.textContent = "ปฏิทิน";
    wrap.appendChild(toggle);
    this.wrap = wrap;
    this.toggle = toggle;
    this.popup = null;
    var self = this;
    toggle.addEventListener("click", function () { self.isOpen() ? self.close(true) : self.open(); });
    input.addEventListener("keydown", function (event) {
      if (event.altKey && event.key === "ArrowDown") { event.preventDefault(); self.open(); }
      if (event.key === "Escape" && self.isOpen()) { event.preventDefault(); self.close(false); }
    });
    document.addEventListener("mousedown", function (event) {
      if (self.isOpen() && !self.wrap.contains(event.target)) self.close(false);
    });
  }

  Picker.prototype.isOpen = function () { return !!this.popup; };

  Picker.prototype.open = function () {
    var parsed = parse(this.input.value);
    this.selected = parsed ? parsed.day : null;
    this.focusDay = parsed ? parsed.day : new Date();
    this.time = parsed && parsed.time ? parsed.time : "";
    this.build();
    this.toggle.setAttribute("aria-expanded", "true");
    this.render(true);
  };

  Picker.prototype.close = function (refocus) {
    if (!this.popup) return;
    this.popup.remove();
    this.popup = null;
    this.toggle.setAttribute("aria-expanded", "false");
    if (refocus) this.input.focus();
  };

  Picker.prototype.build = function () {
    var self = this;
    var popup = el("div", "kb-be-date__popup");
    popup.id = this.id;
    popup.setAttribute("role", "dialog");
    popup.setAttribute("aria-label", "ปฏิทิน พ.ศ.");
    var head = el("div", "kb-be-date__head");
    var prev = el("button", "kb-be-date__nav", "‹");
    prev.type = "button";
    prev.setAttribute("aria-label", "เดือนก่อน");
    var next = el("button", "kb-be-date__nav", "›");
    next.type = "button";
    next.setAttribute("aria-label", "เดือนถัดไป");
    var month = el("select", "kb-be-date__month");
    month.setAttribute("aria-label", "เดือน");
    MONTHS.forEach(function (name, i) {
      var option = el("option", "", name);
      option.value = String(i);
      month.appendChild(option);
    });
    var year = el("input", "kb-be-date__year");
    year.type = "text";
    year.inputMode = "numeric";
    year.maxLength = 4;
    year.setAttribute("aria-label", "ปี พ.ศ.");
    head.append(prev, month, year, next);
    var grid = el("table", "kb-be-date__grid");
    grid.setAttribute("role", "grid");
    var caption = el("caption", "kb-be-date__caption");
    caption.setAttribute("aria-live", "polite");
    grid.appendChild(caption);
    var row = el("tr");
    WEEKDAYS.forEach(function (name, i) {
      var th = el("th", "", name);
      th.scope = "col";
      th.abbr = WEEKDAY_NAMES[i];
      row.appendChild(th);
    });
    var thead = el("thead");
    thead.appendChild(row);
    grid.appendChild(thead);
    grid.appendChild(el("tbody"));
    popup.append(head, grid);
    var foot = el("div", "kb-be-date__foot");
    if (this.withTime) {
      var label = el("label", "kb-be-date__time-label", "เวลา ");
      var time = el("input", "kb-be-date__time");
      time.type = "text";
      time.inputMode = "numeric";
      time.placeholder = "00:00";
      time.value = this.time;
      time.size = 5;
      label.appendChild(time);
      foot.appendChild(label);
      this.timeInput = time;
    }
    var today = el("button", "button button-small button-secondary", "วันนี้");
    today.type = "button";
    var clear = el("button", "button button-small button-secondary", "ล้าง");
    clear.type = "button";
    var close = el("button", "button button-small button-secondary", "ปิด");
    close.type = "button";
    foot.append(today, clear, close);
    popup.appendChild(foot);
    this.wrap.appendChild(popup);
    this.popup = popup;
    this.monthSelect = month;
    this.yearInput = year;
    this.caption = caption;
    this.body = grid.tBodies[0];

    prev.addEventListener("click", function () { self.move(addMonths(self.focusDay, -1), false); });
    next.addEventListener("click", function () { self.move(addMonths(self.focusDay, 1), false); });
    month.addEventListener("change", function () {
      self.move(addMonths(self.focusDay, +month.value - self.focusDay.getMonth()), false);
    });
    year.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); year.dispatchEvent(new Event("change")); }
    });
    year.addEventListener("change", function () {
      var be = parseInt(arabic(year.value), 10);
      if (be >= 2400 && be <= 9999) self.move(addMonths(self.focusDay, (be - BE - self.focusDay.getFullYear()) * 12), false);
    });
    today.addEventListener("click", function () { self.pick(new Date()); });
    clear.addEventListener("click", function () { self.write(""); self.close(true); });
    close.addEventListener("click", function () { self.close(true); });
    popup.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); event.stopPropagation(); self.close(true); }
    });
    this.body.addEventListener("keydown", function (event) { self.onGridKey(event); });
    this.body.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-day]");
      if (button) self.pick(new Date(+button.dataset.y, +button.dataset.m, +button.dataset.day));
    });
  };

  Picker.prototype.move = function (day, focus) {
    this.focusDay = day;
    this.render(focus);
  };

  Picker.prototype.render = function (focus) {
    var first = new Date(this.focusDay.getFullYear(), this.focusDay.getMonth(), 1);
    first.setFullYear(this.focusDay.getFullYear());
    var month = first.getMonth();
    this.monthSelect.value = String(month);
    this.yearInput.value = String(first.getFullYear() + BE);
    this.caption.textContent = MONTHS[month] + " พ.ศ. " + (first.getFullYear() + BE);
    var body = this.body;
    body.textContent = "";
    var cursor = new Date(first);
    cursor.setDate(1 - first.getDay());
    var now = new Date();
    for (var week = 0; week < 6; week++) {
      var row = el("tr");
      for (var i = 0; i < 7; i++) {
        var cell = el("td");
        if (cursor.getMonth() === month) {
          var button = el("button", "kb-be-date__day", String(cursor.getDate()));
          button.type = "button";
          button.dataset.y = String(cursor.getFullYear());
          button.dataset.m = String(cursor.getMonth());
          button.dataset.day = String(cursor.getDate());
          button.setAttribute("aria-label", WEEKDAY_NAMES[cursor.getDay()] + " " + format(cursor));
          var isFocus = sameDay(cursor, this.focusDay);
          button.tabIndex = isFocus ? 0 : -1;
          if (sameDay(cursor, this.selected)) {
            button.classList.add("is-selected");
            button.setAttribute("aria-pressed", "true");
          }
          if (sameDay(cursor, now)) button.classList.add("is-today");
          cell.appendChild(button);
        }
        row.appendChild(cell);
        cursor.setDate(cursor.getDate() + 1);
      }
      body.appendChild(row);
      if (cursor.getMonth() !== month) break;
    }
    if (focus) {
      var target = body.querySelector("button[tabindex='0']");
      if (target) target.focus();
    }
  };

  Picker.prototype.onGridKey = function (event) {
    var day = new Date(this.focusDay);
    var moves = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
    if (event.key in moves) {
      day.setDate(day.getDate() + moves[event.key]);
    } else if (event.key === "PageUp" || event.key === "PageDown") {
      day = addMonths(day, (event.key === "PageUp" ? -1 : 1) * (event.shiftKey ? 12 : 1));
    } else if (event.key === "Home") {
      day.setDate(day.getDate() - day.getDay());
    } else if (event.key === "End") {
      day.setDate(day.getDate() + 6 - day.getDay());
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      this.pick(this.focusDay);
      return;
    } else {
      return;
    }
    event.preventDefault();
    this.move(day, true);
  };

  Picker.prototype.pick = function (day) {
    var text = format(day);
    if (this.withTime) {
      var typed = /^(\d{1,2})[:.](\d{2})$/.exec(arabic(this.timeInput.value.trim()));
      text += " " + (typed ? pad(typed[1]) + ":" + typed[2] : "00:00");
    }
    this.write(text);
    this.close(true);
  };

  Picker.prototype.write = function (text) {
    this.input.value = text;
    this.input.dispatchEvent(new Event("input", { bubbles: true }));
    this.input.dispatchEvent(new Event("change", { bubbles: true }));
  };

  function enhance(root) {
    var inputs = (root.querySelectorAll ? root : document).querySelectorAll("input[data-be-date]");
    if (root.matches && root.matches("input[data-be-date]")) inputs = [root];
    Array.prototype.forEach.call(inputs, function (input) {
      // Inline panels keep a copy of the form in a <template>; its inputs are enhanced once added.
      if (input.dataset.beDateReady || input.closest("template") || /__prefix__/.test(input.name)) return;
      input.dataset.beDateReady = "1";
      new Picker(input);
    });
  }

  window.kbBeDate = { parse: parse, format: format, enhance: enhance };

  function start() {
    enhance(document);
    new MutationObserver(function (records) {
      records.forEach(function (record) {
        Array.prototype.forEach.call(record.addedNodes, function (node) {
          if (node.nodeType === 1) enhance(node);
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
