import { exportFileName, type Size } from "@/lib/diagram";
import { saveFile } from "@/components/ui/save-file";

// The diagram's SVG and PNG downloads, made from the sanitised SVG on the page.

/** Saves the diagram as an SVG file. */
export function exportDiagramSvg(svg: SVGSVGElement, name: string, version: string): void {
  const text = new XMLSerializer().serializeToString(svg);
  saveFile(new Blob([text], { type: "image/svg+xml" }), exportFileName(name, version, "svg"));
}

/** Draws the diagram at twice its size on the theme's background and saves it as a PNG; resolves to an error message or null. */
export function exportDiagramPng(svg: SVGSVGElement, size: Size, dark: boolean, name: string, version: string): Promise<string | null> {
  const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(svg)], { type: "image/svg+xml" }));
  return new Promise((resolve) => {
    const img = new Image();
    img.onload = () => {
      const ratio = 2;
      const canvas = document.createElement("canvas");
      canvas.width = Math.ceil(size.width * ratio);
      canvas.height = Math.ceil(size.height * ratio);
      const ctx = canvas.getContext("2d");
      if (!ctx) {
        URL.revokeObjectURL(url);
        resolve("This browser cannot draw the PNG.");
        return;
      }
      ctx.fillStyle = dark ? "#0f172a" : "#ffffff";
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
      URL.revokeObjectURL(url);
      canvas.toBlob((blob) => {
        if (!blob) return resolve("The PNG could not be created.");
        saveFile(blob, exportFileName(name, version, "png"));
        resolve(null);
      }, "image/png");
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      resolve("The PNG could not be created from this diagram.");
    };
    img.src = url;
  });
}
