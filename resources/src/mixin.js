// The editor and its state model are each one class whose methods are written
// in several modules, one per concern. Each module holds its share as a class
// of methods that is never instantiated; this puts them on the one class, as
// if they were written in its body.

/**
 * Give ``target``'s instances the methods and accessors of ``parts``.
 * @param {Function} target a class
 * @param {...Function} parts classes of methods, one per concern
 */
export function mixin(target, ...parts) {
  for (const part of parts) {
    const descriptors = Object.getOwnPropertyDescriptors(part.prototype);
    delete descriptors.constructor;
    Object.defineProperties(target.prototype, descriptors);
  }
}
