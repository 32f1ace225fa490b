// Copies the browser libraries GreenFreight.Server needs from node_modules into wwwroot/lib/.
// Run by `npm run build` (FrontEnd.targets does this during `dotnet build`).
// wwwroot/lib/ is generated and git-ignored; nothing is loaded from a CDN.
//
// Output layout (URLs as the app references them):
//   /lib/leaflet/leaflet.js, /lib/leaflet/leaflet.css, /lib/leaflet/images/*.png, /lib/leaflet/LICENSE
//   /lib/echarts/echarts.min.js, /lib/echarts/LICENSE
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const modules = join(root, 'node_modules');
const lib = join(root, 'wwwroot', 'lib');

const copies = [
  // [source under node_modules, destination under wwwroot/lib]
  ['leaflet/dist/leaflet.js', 'leaflet/leaflet.js'],
  ['leaflet/dist/leaflet.js.map', 'leaflet/leaflet.js.map'],
  ['leaflet/dist/leaflet.css', 'leaflet/leaflet.css'],
  ['leaflet/dist/images', 'leaflet/images'],
  ['leaflet/LICENSE', 'leaflet/LICENSE'],
  ['echarts/dist/echarts.min.js', 'echarts/echarts.min.js'],
  ['echarts/LICENSE', 'echarts/LICENSE'],
];

const missing = copies.map(([from]) => from).filter((from) => !existsSync(join(modules, from)));
if (missing.length > 0) {
  console.error(`build-assets: missing in node_modules: ${missing.join(', ')}. Run "npm ci" first.`);
  process.exit(1);
}

// Empty the folders this script owns (wwwroot/lib/leaflet, wwwroot/lib/echarts) so removed files do
// not linger and every file gets a fresh timestamp (FrontEnd.targets compares them with
// package-lock.json). Other folders under wwwroot/lib are left alone.
for (const owned of new Set(copies.map(([, to]) => to.split('/')[0]))) {
  rmSync(join(lib, owned), { recursive: true, force: true });
}
mkdirSync(lib, { recursive: true });

let files = 0;
for (const [from, to] of copies) {
  const source = join(modules, from);
  const target = join(lib, to);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(source, target, { recursive: true, preserveTimestamps: false });
  files += statSync(source).isDirectory() ? readdirSync(source).length : 1;
}

console.log(`build-assets: copied ${files} files into ${relative(root, lib)}`);
