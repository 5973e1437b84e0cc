// One format for the tree, checked by `npm run format:check` (in `verify` and scripts/test-all.sh).
// 120 columns: the code was written to that width, and narrower would rewrap most files for nothing.
/** @type {import("prettier").Config} */
const config = {
  printWidth: 120,
  plugins: ["prettier-plugin-tailwindcss"],
  // Tailwind 4 has no JS config: the plugin reads the theme from the stylesheet to sort class names.
  tailwindStylesheet: "./app/globals.css",
};

export default config;
