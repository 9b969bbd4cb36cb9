/**
 * CloudFront Function (cloudfront-js-2.0) on the default (S3) behaviour: a path without a file extension
 * is a client-side route of the admin app and gets `index.html`. Done here rather than with the
 * distribution's custom error responses, which apply to every origin and would turn the API's 403/404
 * answers into HTML.
 */
export const spaFallbackCode = `function handler(event) {
  var request = event.request;
  var lastSegment = request.uri.substring(request.uri.lastIndexOf("/") + 1);
  if (lastSegment.indexOf(".") === -1) {
    request.uri = "/index.html";
  }
  return request;
}
`;
