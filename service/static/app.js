// The upload form's drop zone: the file input covers the zone, so a drop lands on it natively;
// this only names the chosen files, highlights the zone while dragging, and shows progress.
(function () {
  var input = document.getElementById("file");
  var zone = document.getElementById("drop");
  var names = document.getElementById("drop-files");
  var form = document.getElementById("upload-form");
  if (!input || !zone || !names || !form) return;

  function show() {
    var files = Array.prototype.map.call(input.files, function (f) { return f.name; });
    names.textContent = files.length ? "已选择 " + files.length + " 个文件：" + files.join("、") : "未选择文件";
    zone.classList.toggle("has-files", files.length > 0);
  }
  input.addEventListener("change", show);
  ["dragenter", "dragover"].forEach(function (t) {
    zone.addEventListener(t, function () { zone.classList.add("dragging"); });
  });
  ["dragleave", "drop"].forEach(function (t) {
    zone.addEventListener(t, function () { zone.classList.remove("dragging"); });
  });
  form.addEventListener("submit", function () {
    var busy = document.getElementById("busy");
    var button = document.getElementById("submit");
    if (busy) busy.hidden = false;
    if (button) { button.disabled = true; button.textContent = "检查中…"; }
  });
  show();
})();
