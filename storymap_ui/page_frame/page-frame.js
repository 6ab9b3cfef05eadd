/* A page of ours (the data page's folium map) in a frame of its own: Streamlit component v1.
 *
 * Args: {page: the page's file in this component's folder, height (px), title (the frame's
 * accessible name)}. The page is loaded by its address, so it runs under its own
 * Content-Security-Policy rather than the app's (a srcdoc frame would take the app's,
 * which refuses the page's inline scripts).
 */
(function () {
  "use strict";
  const frame = document.getElementById("page");
  document.body.style.margin = "0";
  frame.style.border = "0";
  frame.style.width = "100%";
  frame.style.display = "block";

  function send(type, data) {
    window.parent.postMessage(Object.assign({ isStreamlitMessage: true, type: type }, data), "*");
  }

  function render(args) {
    if (frame.getAttribute("src") !== args.page) frame.setAttribute("src", args.page);
    frame.title = args.title || "";
    frame.style.height = args.height + "px";
    send("streamlit:setFrameHeight", { height: args.height });
  }

  window.addEventListener("message", (event) => {
    if (event.data && event.data.type === "streamlit:render") render(event.data.args);
  });
  send("streamlit:componentReady", { apiVersion: 1 });
})();
