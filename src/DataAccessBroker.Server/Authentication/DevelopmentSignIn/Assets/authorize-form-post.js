// Sends the authorization response to the client at once (OAuth 2.0 Form Post Response Mode). A file of its own,
// because the page's Content-Security-Policy runs no inline script; without scripts, the page's Continue button does
// the same.
document.getElementById("authorization-response").submit();
