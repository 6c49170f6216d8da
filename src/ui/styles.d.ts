/** A stylesheet imported for its effect: the build bundles it with the page that imports it. */
declare module '*.css';
