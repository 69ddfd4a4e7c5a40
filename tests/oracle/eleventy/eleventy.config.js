// The oracle's Eleventy site: only passthrough copies publish images, one of
// them under another name.
module.exports = function (eleventyConfig) {
  eleventyConfig.addPassthroughCopy("img");
  eleventyConfig.addPassthroughCopy({ "assets/photos": "photos" });
  return {
    dir: { input: ".", includes: "_includes", output: "_site" },
  };
};
