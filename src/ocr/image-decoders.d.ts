/** pdf.js's JPEG decoder as its package ships it on its own (no types there): what raster.ts uses of it. */
declare module "pdfjs-dist/image_decoders/pdf.image_decoders.mjs" {
  export class JpegImage {
    constructor(options?: { decodeTransform?: Int32Array; colorTransform?: number });
    width: number;
    height: number;
    numComponents: number;
    /** Each component's decoded samples, in pdf.js's block layout (one block of padding a block row). */
    components: { output: Int16Array; scaleX: number; scaleY: number; blocksPerLine: number }[];
    readonly _isColorConversionNeeded: boolean;
    parse(data: Uint8Array): void;
    getData(options: {
      width: number;
      height: number;
      forceRGB?: boolean;
      forceRGBA?: boolean;
      isSourcePDF?: boolean;
    }): Uint8ClampedArray;
  }
}
