// The area's public entry: other areas import only from here (docs/architecture.md, "Layers").
// The city's settings (城市设置): every text that names the city reads them here.
export { cityPlacePrefixes, citySettings, cityTexts, invalidateCitySettings } from './cache.js';
export { writeCitySettings, type CitySettingsValues } from './store.js';
export { initCity, type InitInput, type InitResult } from './init.js';
