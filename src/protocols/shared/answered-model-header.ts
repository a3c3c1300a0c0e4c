/** Response header naming the public model that answered: a fallback's name, else the one the client sent. */
export const answeredModelHeader = 'x-sfgw-model';

// What a header value may carry as it is; a name the catalog accepted may hold anything else
// (any `sfdc_ai__…` name resolves), and Node refuses to send such a header at all.
const plainHeaderValue = /^[\x20-\x7e]*$/;

/** The answered-model header's value: the name itself, percent-encoded when it is not plain ASCII. */
export function encodeAnsweredModelHeader(model: string): string {
  return plainHeaderValue.test(model) ? model : encodeURIComponent(model);
}
