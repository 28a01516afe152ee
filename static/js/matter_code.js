// The voter's "Get code" button sends only the mobile (and the form's CSRF token) and shows the answer in place,
// so what was typed and the photos chosen stay in the form. Without this script the button posts the form to the
// same address and the page comes back with what was typed.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-code-button]");
    if (!button || !window.fetch || !window.FormData) { return; }
    var form = button.form;
    var status = document.getElementById("code-status");
    event.preventDefault();
    var body = new FormData();
    body.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
    body.append("phone", form.elements.phone.value);
    button.disabled = true;
    fetch(button.getAttribute("formaction"), {
      method: "POST", body: body, credentials: "same-origin", headers: { "HX-Request": "true" }
    }).then(function (response) {
      return response.text();
    }).then(function (html) {
      status.innerHTML = html;
      if (status.querySelector("[data-code-sent='1']") && form.elements.code) { form.elements.code.focus(); }
    }).catch(function () {
      var problem = document.getElementById("page-problem");
      status.textContent = problem ? problem.getAttribute("data-unreachable") : "";
    }).then(function () {
      // One a minute: the server says so if asked sooner; the button stays off a little to spare a double tap.
      window.setTimeout(function () { button.disabled = false; }, 3000);
    });
  });
})();
