// Starts Swagger UI on /docs; a file rather than an inline script, so the CSP holds there too.
"use strict";
window.ui = window.SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
