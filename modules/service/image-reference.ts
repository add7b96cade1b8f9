/**
 * Container image references (pure): the grammar Docker and ECS accept
 * (github.com/distribution/reference, `reference.go`) and ECS's 255-character limit.
 *
 *   reference  := name [ ":" tag ] [ "@" digest ]
 *   name       := [ domain "/" ] path-component [ "/" path-component ]*
 *   domain     := host-component [ "." host-component ]* [ ":" port ]
 *   path-component := [a-z0-9]+ ( ( "." | "_" | "__" | "-"+ ) [a-z0-9]+ )*
 *   tag        := [A-Za-z0-9_] [A-Za-z0-9_.-]{0,127}
 *   digest     := algorithm ":" hex (32 or more)
 */

/** ECS's limit on `image` ("Up to 255 letters (uppercase and lowercase), numbers, ..."). */
export const MAX_IMAGE_LENGTH = 255;

const HOST_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `${HOST_COMPONENT}(?:\\.${HOST_COMPONENT})*(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*(?::${TAG})?(?:@${DIGEST})?$`);

/**
 * Why `image` is not an image reference ECS accepts, or undefined when it is. Empty images are the
 * caller's concern (a missing image is its own problem).
 */
export function imageReferenceProblem(image: string): string | undefined {
  if (image.length > MAX_IMAGE_LENGTH) return `${image.length} characters (ECS takes at most ${MAX_IMAGE_LENGTH})`;
  if (REFERENCE.test(image)) return undefined;
  if (/\s/.test(image)) return 'it contains white space';
  const name = image.split('@')[0]!;
  const lastSlash = name.lastIndexOf('/');
  const repository = name.slice(lastSlash + 1).split(':')[0]!;
  if (/[A-Z]/.test(repository)) return 'the repository name has upper-case letters (Docker requires lower case)';
  return 'it does not follow the reference grammar [registry[:port]/]repository[:tag][@algorithm:digest]';
}
