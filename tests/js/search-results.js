/* The links of Material's search result list, in the order shown: one group (an li) per page,
 * its first link the page itself (an article with an h1), then its sections (h2). Each link
 * with its group, its page-or-section kind, whether it is folded into the group's "more on
 * this page", and its score (data-md-score). */
() =>
  [...document.querySelectorAll("ol.md-search-result__list > li.md-search-result__item")].flatMap(
    (item, group) =>
      [...item.querySelectorAll("a.md-search-result__link")].map((link) => {
        const article = link.querySelector("article");
        const head = article.querySelector("h1, h2");
        return {
          title: head ? head.textContent.trim() : "",
          href: link.href,
          group,
          page: !!article.querySelector(":scope > h1"),
          more: !!link.closest("details"),
          score: parseFloat(article.getAttribute("data-md-score")),
        };
      }),
  );
