// Interface strings in English and Arabic; the page switches language and direction.
"use strict";
(function () {
  const STRINGS = {
    en: {
      level: "Events", level_report: "Reports", level_canonical: "Merged across sources",
      links: "Why merged", from: "From", to: "To", type: "Type", sub_type: "Sub-type", actor: "Actor",
      country: "Country", admin1: "Governorate", search: "Search evidence", any: "Any",
      in_view: "Only map view", apply: "Apply", reset: "Reset", export: "Export",
      api_docs: "API", timeline: "Events per", week: "week", day: "day",
      brush_hint: "drag to zoom into dates", clear_dates: "All dates",
      filters: "Filters", status: "Status", status_opt_current: "Current events",
      status_opt_background: "Background (recalled)", status_opt_any: "Current and background",
      n_chosen: "{n} chosen", civilians: "Targets civilians", deaths_per: "Deaths per period",
      breakdowns: "Breakdowns: events and deaths (click one to filter)", by_type: "By type", by_actor: "By actor",
      by_admin1: "By governorate", incl_background: "including background events",
      current_only: "current events only",
      col_date: "Date", col_type: "Type", col_actors: "Actors", col_place: "Place",
      col_fatalities: "Deaths", prev: "Previous", next: "Next",
      summary: "{n} events, {f} reported deaths", page: "{a}–{b} of {n}",
      map_capped: "map shows the {k} deadliest of {n}",
      no_events: "No events match these filters.",
      evidence: "Evidence", note: "Note (English)", sources: "Sources", reports: "Reports",
      actors: "Actors", place: "Place", date: "Date", fatalities: "Deaths",
      precision: "precision", offsets: "characters {s}–{e} of", open_doc: "open document",
      original: "original page", document: "Document", published: "Published",
      source: "Source", events_in_doc: "Events from this document", back: "Back to event",
      legend_actor: "actor", legend_place: "place", legend_trigger: "trigger",
      legend_number: "number", loading: "Loading…", error: "Error: {m}",
      status_background: "background (recalled by the article)", status_current: "current",
      lang_other: "العربية",
    },
    ar: {
      level: "الأحداث", level_report: "التقارير", level_canonical: "مدمجة عبر المصادر",
      links: "سبب الدمج", from: "من", to: "إلى", type: "النوع", sub_type: "النوع الفرعي", actor: "الفاعل",
      country: "البلد", admin1: "المحافظة", search: "بحث في الأدلة", any: "الكل",
      in_view: "ما في الخريطة فقط", apply: "تطبيق", reset: "إعادة ضبط", export: "تصدير",
      api_docs: "الواجهة البرمجية", timeline: "الأحداث لكل", week: "أسبوع", day: "يوم",
      brush_hint: "اسحب للتكبير على فترة", clear_dates: "كل التواريخ",
      filters: "المرشحات", status: "الحالة", status_opt_current: "الأحداث الحالية",
      status_opt_background: "خلفية (مستذكرة)", status_opt_any: "الحالية والخلفية",
      n_chosen: "{n} مختارة", civilians: "تستهدف مدنيين", deaths_per: "القتلى لكل فترة",
      breakdowns: "التوزيعات: الأحداث والقتلى (انقر للتصفية)", by_type: "حسب النوع", by_actor: "حسب الفاعل",
      by_admin1: "حسب المحافظة", incl_background: "تشمل أحداث الخلفية",
      current_only: "الأحداث الحالية فقط",
      col_date: "التاريخ", col_type: "النوع", col_actors: "الفاعلون", col_place: "المكان",
      col_fatalities: "القتلى", prev: "السابق", next: "التالي",
      summary: "{n} حدثاً، {f} قتيلاً", page: "{a}–{b} من {n}",
      map_capped: "الخريطة تعرض أشد {k} حدثاً من {n}",
      no_events: "لا أحداث تطابق هذه المرشحات.",
      evidence: "الدليل", note: "ملاحظة (بالإنجليزية)", sources: "المصادر", reports: "التقارير",
      actors: "الفاعلون", place: "المكان", date: "التاريخ", fatalities: "القتلى",
      precision: "الدقة", offsets: "المحارف {s}–{e} من", open_doc: "فتح الوثيقة",
      original: "الصفحة الأصلية", document: "الوثيقة", published: "تاريخ النشر",
      source: "المصدر", events_in_doc: "أحداث هذه الوثيقة", back: "العودة إلى الحدث",
      legend_actor: "فاعل", legend_place: "مكان", legend_trigger: "حدث",
      legend_number: "عدد", loading: "جارٍ التحميل…", error: "خطأ: {m}",
      status_background: "خلفية (يذكرها المقال)", status_current: "حالي",
      lang_other: "English",
    },
  };
  const TYPES_AR = {
    "Battles": "معارك",
    "Explosions/Remote violence": "انفجارات/عنف عن بعد",
    "Violence against civilians": "عنف ضد المدنيين",
    "Protests": "احتجاجات",
    "Riots": "أعمال شغب",
    "Strategic developments": "تطورات استراتيجية",
  };
  let lang = "en";

  function t(key, vars) {
    let s = (STRINGS[lang] && STRINGS[lang][key]) || STRINGS.en[key] || key;
    for (const [k, v] of Object.entries(vars || {})) s = s.replace("{" + k + "}", String(v));
    return s;
  }

  function typeName(type) {
    return lang === "ar" && TYPES_AR[type] ? TYPES_AR[type] : type;
  }

  function apply(root) {
    document.documentElement.lang = lang;
    document.documentElement.dir = lang === "ar" ? "rtl" : "ltr";
    for (const el of (root || document).querySelectorAll("[data-i18n]")) {
      el.textContent = t(el.dataset.i18n);
    }
  }

  function setLang(next) {
    lang = STRINGS[next] ? next : "en";
    try { localStorage.setItem("rasd-lang", lang); } catch (e) { /* private mode */ }
    apply();
  }

  function initial() {
    const fromUrl = new URLSearchParams(location.search).get("lang");
    let stored = null;
    try { stored = localStorage.getItem("rasd-lang"); } catch (e) { /* private mode */ }
    return fromUrl || stored || (navigator.language || "en").slice(0, 2);
  }

  window.rasdI18n = { t, typeName, apply, setLang, initial, get lang() { return lang; } };
})();
