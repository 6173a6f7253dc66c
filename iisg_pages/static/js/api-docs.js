/* The API documentation page: Swagger UI as django-ninja starts it, made accessible.
   - Operation paths are plain text, not links nested in the expand button (deep links off).
   - A heading "Operations" sits between the page's title (h1) and the groups (h3).
   - Every control Swagger UI draws without a label is named after its parameter or purpose,
     each operation's responses region after the operation, and code samples that scroll can
     be reached by keyboard. */
(function () {
    const page = document.body.dataset;
    const config = JSON.parse(document.getElementById("swagger-settings").textContent);

    function operationsHeading(system) {
        const React = system.React;
        return {
            wrapComponents: {
                operations: (Original) => (props) =>
                    React.createElement(
                        "div",
                        null,
                        React.createElement("h2", { className: "visually-hidden" }, "Operations"),
                        React.createElement(Original, props),
                    ),
            },
        };
    }

    config.dom_id = "#swagger-ui";
    config.deepLinking = false;
    config.presets = [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset];
    config.plugins = [operationsHeading];
    if (page.apiCsrf && page.csrfToken) {
        config.requestInterceptor = (request) => {
            request.headers["X-CSRFToken"] = page.csrfToken;
            return request;
        };
    }
    SwaggerUIBundle(config);

    function nameControls(root) {
        root.querySelectorAll("select:not([aria-label]), input:not([aria-label]), textarea:not([aria-label])").forEach((control) => {
            if (control.labels && control.labels.length) return;
            const row = control.closest("tr");
            const parameter = row && row.querySelector(".parameter__name");
            const section = control.closest(".opblock-section-header, .responses-inner, .body-param");
            let name = parameter ? parameter.textContent.replace("*", "").trim() : "";
            if (!name && control.closest(".response-control-media-type, .content-type-wrapper")) name = "Media type";
            if (!name && section) name = (section.querySelector("h4, label") || {}).textContent || "";
            if (!name) name = control.getAttribute("placeholder") || control.getAttribute("title") || "Value";
            control.setAttribute("aria-label", name.trim());
        });
    }

    function nameRegions(root) {
        root.querySelectorAll("table.responses-table[role=region]:not([aria-label])").forEach((table) => {
            const operation = table.closest(".opblock");
            const summary = operation && operation.querySelector(".opblock-summary-control");
            const method = summary ? summary.querySelector(".opblock-summary-method").textContent : "";
            const path = summary ? summary.querySelector(".opblock-summary-path").textContent : "";
            table.setAttribute("aria-label", `Responses of ${method} ${path}`.trim());
        });
        root.querySelectorAll("pre.microlight:not([tabindex])").forEach((sample) => {
            sample.setAttribute("tabindex", "0");
        });
        root.querySelectorAll(".close-modal:not([aria-label])").forEach((button) => {
            button.setAttribute("aria-label", "Close");
        });
        root.querySelectorAll(".copy-to-clipboard button:not([aria-label])").forEach((button) => {
            button.setAttribute("aria-label", "Copy to clipboard");
        });
        root.querySelectorAll(".modal-ux-header h3:not([aria-level])").forEach((heading) => {
            heading.setAttribute("aria-level", "2");
        });
        root.querySelectorAll(".auth-container h4:not([aria-level])").forEach((heading) => {
            heading.setAttribute("aria-level", "3");
        });
    }

    function makeAccessible() {
        const root = document.getElementById("swagger-ui");
        nameControls(root);
        nameRegions(root);
    }
    new MutationObserver(makeAccessible).observe(
        document.getElementById("swagger-ui"), { childList: true, subtree: true },
    );
})();
