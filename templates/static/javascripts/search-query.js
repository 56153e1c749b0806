/* Make pasted error text searchable. Material's search hands the query to lunr, whose query syntax gives
   meaning to ":" (field), "-" and "+" (presence), "~" (fuzzy), "^" (boost) and "*" (wildcard). Kafka
   messages are full of them ("Expiring 12 record(s) for orders-3:120001 ms ..."), and a pasted message
   then finds nothing. The index splits words on these characters anyway, so replacing them by spaces in
   the query keeps its meaning. The query is rewritten on its way to Material's search worker; what the
   reader typed in the box is left as it is. */
(function () {
  "use strict";
  var QUERY = 2; // SearchMessageType.QUERY in Material 9
  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === QUERY && typeof message.data === "string") {
      var args = Array.prototype.slice.call(arguments, 1);
      var clean = { type: message.type, data: message.data.replace(/[:^~*+\-]+/g, " ") };
      return post.apply(this, [clean].concat(args));
    }
    return post.apply(this, arguments);
  };
})();
